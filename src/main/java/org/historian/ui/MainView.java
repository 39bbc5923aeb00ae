package org.historian.ui;

import atlantafx.base.controls.ToggleSwitch;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.historian.service.ServiceSnapshot;
import org.historian.ui.activity.ActivityView;
import org.historian.ui.activity.ActivityViewModel;
import org.historian.ui.communities.Badges;
import org.historian.ui.communities.CommunitiesView;
import org.historian.ui.communities.CommunitiesViewModel;
import org.historian.ui.communities.CommunityRow;
import org.historian.ui.community.CommunityDetailView;
import org.historian.ui.community.CommunityDetailViewModel;
import org.historian.ui.settings.SettingsView;
import org.historian.ui.settings.SettingsViewModel;
import org.historian.ui.tasks.TaskLauncher;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's content: header with the protocol switch, navigation, the three views, and
 * the status bar. Builds the views and feeds them from the {@link ServiceBridge}.
 */
public final class MainView {
    /** The views reachable from the navigation. */
    public enum Page { COMMUNITIES, ACTIVITY, SETTINGS }

    @FXML
    private BorderPane root;
    @FXML
    private Label protocolMessage;
    @FXML
    private Label protocolState;
    @FXML
    private ToggleSwitch protocolSwitch;
    @FXML
    private Button themeButton;
    @FXML
    private FontIcon themeIcon;
    @FXML
    private ToggleGroup navGroup;
    @FXML
    private ToggleButton communitiesNav;
    @FXML
    private ToggleButton activityNav;
    @FXML
    private ToggleButton settingsNav;
    @FXML
    private Label publisherLabel;
    @FXML
    private StackPane content;
    @FXML
    private StatusBar statusBar;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label portLabel;
    @FXML
    private Label peersLabel;
    @FXML
    private Label uploadLabel;

    private final UiContext context;
    private final ServiceBridge bridge;
    private final BackgroundWork work;
    private final Theme theme;
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>();
    private final MainViewModel mainModel;
    private final CommunitiesViewModel communitiesModel = new CommunitiesViewModel();
    private final CommunityDetailViewModel detailModel;
    private final ActivityViewModel activityModel;
    private final SettingsViewModel settingsModel;
    private final DesktopNotifier notifier;
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.COMMUNITIES);
    private TaskLauncher tasks;
    private CommunitiesView communitiesView;
    private CommunityDetailView detailView;
    private ActivityView activityView;
    private SettingsView settingsView;
    private final Timeline clockTick;

    public MainView(UiContext context, ServiceBridge bridge, BackgroundWork work, Theme theme) {
        this.context = context;
        this.bridge = bridge;
        this.work = work;
        this.theme = theme;
        this.now.set(context.clock().instant());
        this.mainModel = new MainViewModel(context, work, bridge);
        this.detailModel = new CommunityDetailViewModel(context, work, bridge);
        this.activityModel = new ActivityViewModel(context, work);
        this.settingsModel = new SettingsViewModel(context, work, bridge);
        this.notifier = new DesktopNotifier(this::window, id -> {
            CommunityRow row = communitiesModel.row(id);
            return row == null ? id.shortForm() : row.name();
        });
        // One clock for every countdown on screen, once a second.
        this.clockTick = new Timeline(new KeyFrame(Duration.seconds(1), e -> now.set(context.clock().instant())));
        clockTick.setCycleCount(Timeline.INDEFINITE);
        Views.load(this);
    }

    @FXML
    private void initialize() {
        org.historian.ui.control.Switches.makeFriendly(protocolSwitch);
        tasks = new TaskLauncher(context, theme, this::window, bridge::refresh);
        communitiesView = new CommunitiesView(context, work, theme, communitiesModel, now, tasks, bridge);
        content.getChildren().setAll(communitiesView.root());
        // Only what the first frame shows is built before it: the detail on the first selection,
        // the other pages on their first visit.
        detailModel.rowProperty().bind(communitiesModel.selectedProperty());
        communitiesModel.selectedProperty().addListener((p, before, after) -> {
            if (after != null) {
                detailView();
            }
        });

        navGroup.selectedToggleProperty().addListener((p, before, after) -> {
            if (after == null) {
                before.setSelected(true);
                return;
            }
            page.set(after == activityNav ? Page.ACTIVITY : after == settingsNav ? Page.SETTINGS : Page.COMMUNITIES);
        });
        page.addListener((p, before, after) -> showPage(after));
        showPage(page.get());

        protocolSwitch.selectedProperty().bindBidirectional(mainModel.protocolSwitchProperty());
        protocolSwitch.disableProperty().bind(mainModel.protocolBusyProperty());
        protocolState.textProperty().bind(mainModel.protocolStateProperty());
        mainModel.protocolStyleProperty().addListener((p, before, after) -> {
            Badges.apply(protocolState, after);
            Badges.apply(protocolMessage, after);
        });
        Badges.apply(protocolState, mainModel.protocolStyleProperty().get());
        protocolMessage.textProperty().bind(mainModel.protocolMessageProperty());
        portLabel.textProperty().bind(mainModel.portProperty());
        peersLabel.textProperty().bind(mainModel.peersProperty());
        uploadLabel.textProperty().bind(mainModel.uploadProperty());
        publisherLabel.textProperty().bind(mainModel.publisherProperty());
        busyIndicator.visibleProperty().bind(work.runningProperty().greaterThan(0));
        statusBar.textProperty().bind(mainModel.protocolMessageProperty());
        theme.modeProperty().addListener((p, before, after) -> themeIcon.setIconLiteral(after == Theme.Mode.DARK ? "fth-sun" : "fth-moon"));
        themeIcon.setIconLiteral(theme.modeProperty().get() == Theme.Mode.DARK ? "fth-sun" : "fth-moon");

        bridge.snapshotProperty().addListener((p, before, after) -> apply(after));
        bridge.addEventListener(events -> {
            activityModel.add(events);
            notifier.events(events);
        });
        activityModel.load();
        settingsModel.load();
        clockTick.play();
    }

    private void apply(ServiceSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        mainModel.apply(snapshot);
        communitiesModel.apply(snapshot);
        activityModel.apply(snapshot);
        detailModel.protocol(snapshot.protocol());
        notifier.protocol(snapshot);
    }

    private void showPage(Page shown) {
        if (shown == Page.ACTIVITY) {
            activityView();
        } else if (shown == Page.SETTINGS) {
            settingsView();
        }
        communitiesView.root().setVisible(shown == Page.COMMUNITIES);
        if (activityView != null) {
            activityView.root().setVisible(shown == Page.ACTIVITY);
        }
        if (settingsView != null) {
            settingsView.root().setVisible(shown == Page.SETTINGS);
        }
        ToggleButton nav = shown == Page.ACTIVITY ? activityNav : shown == Page.SETTINGS ? settingsNav : communitiesNav;
        if (!nav.isSelected()) {
            nav.setSelected(true);
        }
    }

    /** Keyboard shortcuts for the whole window. */
    public void installShortcuts(Scene scene) {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), () -> page.set(Page.COMMUNITIES));
        accelerators.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), () -> page.set(Page.ACTIVITY));
        accelerators.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), () -> page.set(Page.SETTINGS));
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            if (page.get() == Page.ACTIVITY) {
                activityView().focusSearch();
            } else {
                page.set(Page.COMMUNITIES);
                communitiesView.focusSearch();
            }
        });
        accelerators.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            page.set(Page.COMMUNITIES);
            communitiesView.addCommunity();
        });
        accelerators.put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), () -> communitiesView.importMessages());
        accelerators.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), () -> detailView().archiveNow());
        accelerators.put(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> detailView().copyMagnet());
        accelerators.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> {
            if (!protocolSwitch.isDisabled()) {
                protocolSwitch.setSelected(!protocolSwitch.isSelected());
            }
        });
        accelerators.put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), theme::toggle);
    }

    @FXML
    private void toggleTheme() {
        theme.toggle();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    public Node root() {
        return root;
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public CommunitiesViewModel communities() {
        return communitiesModel;
    }

    public CommunitiesView communitiesView() {
        return communitiesView;
    }

    /** The selected community's detail, built on first use. */
    public CommunityDetailView detailView() {
        if (detailView == null) {
            detailView = new CommunityDetailView(context, detailModel, work, theme, tasks, bridge);
            communitiesView.setDetail(detailView.root());
        }
        return detailView;
    }

    private ActivityView activityView() {
        if (activityView == null) {
            activityView = new ActivityView(activityModel, context.zone());
            content.getChildren().add(activityView.root());
        }
        return activityView;
    }

    private SettingsView settingsView() {
        if (settingsView == null) {
            settingsView = new SettingsView(settingsModel, theme);
            content.getChildren().add(settingsView.root());
        }
        return settingsView;
    }

    public CommunityDetailViewModel detail() {
        return detailModel;
    }

    public ActivityViewModel activity() {
        return activityModel;
    }

    public SettingsViewModel settings() {
        return settingsModel;
    }

    public DesktopNotifier notifier() {
        return notifier;
    }

    public void dispose() {
        clockTick.stop();
        detailModel.dispose();
    }
}
