package org.historian.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view's FXML with the view object as its controller (constructor-injected, never a global). */
public final class Views {
    private Views() {
    }

    /** Loads {@code <ViewClass>.fxml} beside the class, with {@code controller} as its controller. */
    public static Parent load(Object controller) {
        String name = controller.getClass().getSimpleName() + ".fxml";
        URL location = controller.getClass().getResource(name);
        if (location == null) {
            throw new IllegalStateException("missing view " + name + " beside " + controller.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(location);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + name + ": " + e.getMessage(), e);
        }
    }
}
