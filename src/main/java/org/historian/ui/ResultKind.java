package org.historian.ui;

import javafx.scene.control.Label;

/** How the outcome of an operator's action is shown: plain, or coloured as success, warning or error. */
public enum ResultKind {
    NONE, OK, WARNING, ERROR;

    /** Gives the label this kind's style class (and no other kind's). */
    public static void apply(Label label, ResultKind kind) {
        label.getStyleClass().removeAll("result-ok", "result-warning", "result-error");
        switch (kind) {
            case OK -> label.getStyleClass().add("result-ok");
            case WARNING -> label.getStyleClass().add("result-warning");
            case ERROR -> label.getStyleClass().add("result-error");
            default -> {
            }
        }
    }
}
