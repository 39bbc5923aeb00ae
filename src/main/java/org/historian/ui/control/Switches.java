package org.historian.ui.control;

import atlantafx.base.controls.ToggleSwitch;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Makes a toggle switch work like a check box: focusable, Space toggles it, and a click on its
 * text toggles it too (the themed switch reacts to its track only).
 */
public final class Switches {
    private Switches() {
    }

    public static void makeFriendly(ToggleSwitch toggle) {
        toggle.setFocusTraversable(true);
        toggle.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.SPACE && !toggle.isDisabled()) {
                toggle.fire();
                event.consume();
            }
        });
        toggle.addEventHandler(MouseEvent.MOUSE_CLICKED, event -> {
            if (event.getButton() == MouseButton.PRIMARY && !toggle.isDisabled() && !onTrack(event)) {
                toggle.requestFocus();
                toggle.fire();
            }
        });
    }

    private static boolean onTrack(MouseEvent event) {
        for (Node node = event.getPickResult().getIntersectedNode(); node != null; node = node.getParent()) {
            if (node.getStyleClass().contains("thumb") || node.getStyleClass().contains("thumb-area")) {
                return true;
            }
            if (node instanceof ToggleSwitch) {
                return false;
            }
        }
        return false;
    }
}
