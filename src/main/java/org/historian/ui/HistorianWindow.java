package org.historian.ui;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The main window: theme, size and position as remembered, keyboard shortcuts, and what it
 * remembers when it closes (saved in the background).
 */
public final class HistorianWindow {
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 820;

    private final UiContext context;
    private final ServiceBridge bridge;
    private final BackgroundWork work;
    private final Theme theme = new Theme();
    private MainView view;
    private Stage stage;

    public HistorianWindow(UiContext context, ServiceBridge bridge, BackgroundWork work) {
        this.context = context;
        this.bridge = bridge;
        this.work = work;
    }

    /** Builds and shows the window on {@code stage}; call on the FX thread. */
    public MainView show(Stage target) {
        this.stage = target;
        Map<String, String> remembered = context.remembered();
        theme.modeProperty().set("dark".equals(remembered.get("theme")) ? Theme.Mode.DARK : Theme.Mode.LIGHT);
        theme.apply(theme.modeProperty().get());
        view = new MainView(context, bridge, work, theme);
        Scene scene = new Scene((Parent) view.root(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
        theme.style(scene);
        view.installShortcuts(scene);
        stage.setScene(scene);
        stage.setTitle("Historian");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            var icon = HistorianWindow.class.getResourceAsStream("/org/historian/ui/icons/historian-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        }
        place(stage, remembered);
        try {
            view.pageProperty().set(MainView.Page.valueOf(remembered.getOrDefault("page", "COMMUNITIES")));
        } catch (IllegalArgumentException ignored) {
            // An unknown page from another version: the default view.
        }
        String selected = remembered.get("community");
        if (selected != null) {
            try {
                view.communities().preferSelection(org.historian.model.CommunityId.parse(selected));
            } catch (IllegalArgumentException ignored) {
                // Not a community ID any more: nothing to prefer.
            }
        }
        stage.setOnHiding(event -> remember());
        stage.show();
        return view;
    }

    /** Size and position as last closed, if that still fits on a screen; else the default size, centred. */
    static void place(Stage stage, Map<String, String> remembered) {
        try {
            double x = Double.parseDouble(remembered.get("window.x"));
            double y = Double.parseDouble(remembered.get("window.y"));
            double width = Double.parseDouble(remembered.get("window.width"));
            double height = Double.parseDouble(remembered.get("window.height"));
            boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(x + 40, y + 10, Math.max(1, width - 80), 40)).isEmpty();
            if (visible && width >= 400 && height >= 300) {
                stage.setX(x);
                stage.setY(y);
                stage.setWidth(width);
                stage.setHeight(height);
            } else {
                stage.centerOnScreen();
            }
        } catch (NullPointerException | NumberFormatException e) {
            stage.centerOnScreen();
        }
        stage.setMaximized("true".equals(remembered.get("window.maximized")));
    }

    private void remember() {
        Map<String, String> values = new HashMap<>();
        values.put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized()) {
            values.put("window.x", Double.toString(stage.getX()));
            values.put("window.y", Double.toString(stage.getY()));
            values.put("window.width", Double.toString(stage.getWidth()));
            values.put("window.height", Double.toString(stage.getHeight()));
        }
        values.put("theme", theme.modeProperty().get() == Theme.Mode.DARK ? "dark" : "light");
        values.put("page", view.pageProperty().get().name());
        var row = view.communities().selectedProperty().get();
        if (row != null) {
            values.put("community", row.id().hex());
        }
        view.dispose();
        work.run(() -> context.preferences().save(values), () -> { }, error -> { });
    }

    public Theme theme() {
        return theme;
    }

    public MainView view() {
        return view;
    }
}
