package org.historian.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/**
 * Light and dark mode: AtlantaFX's Primer themes for the controls, Historian's stylesheet on
 * top (written against the theme's colour variables, so it follows), and a palette of the same
 * colours for what is drawn on canvases (timeline, chart, QR code).
 */
public final class Theme {
    public static final String STYLESHEET = "/org/historian/ui/historian.css";

    public enum Mode { LIGHT, DARK }

    /** Colours for canvas drawing, taken from the Primer themes. */
    public record Palette(Color background, Color surface, Color border, Color text, Color mutedText, Color accent,
                          Color accentMuted, Color success, Color warning, Color danger) {
        public static final Palette LIGHT = new Palette(Color.web("#ffffff"), Color.web("#f6f8fa"), Color.web("#d0d7de"),
                Color.web("#24292f"), Color.web("#57606a"), Color.web("#0969da"), Color.web("#54aeff", 0.4),
                Color.web("#1a7f37"), Color.web("#9a6700"), Color.web("#cf222e"));
        public static final Palette DARK = new Palette(Color.web("#0d1117"), Color.web("#161b22"), Color.web("#30363d"),
                Color.web("#c9d1d9"), Color.web("#8b949e"), Color.web("#58a6ff"), Color.web("#388bfd", 0.4),
                Color.web("#3fb950"), Color.web("#d29922"), Color.web("#f85149"));
    }

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.LIGHT);
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(Palette.LIGHT);

    public Theme() {
        mode.addListener((property, before, after) -> apply(after));
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    public void toggle() {
        mode.set(mode.get() == Mode.LIGHT ? Mode.DARK : Mode.LIGHT);
    }

    /** Sets the theme for the whole application; call once at start and on every change. */
    public void apply(Mode newMode) {
        Application.setUserAgentStylesheet(newMode == Mode.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        palette.set(newMode == Mode.DARK ? Palette.DARK : Palette.LIGHT);
    }

    /** Adds Historian's stylesheet to a scene (the main window and every dialog). */
    public void style(Scene scene) {
        String css = Theme.class.getResource(STYLESHEET).toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
    }
}
