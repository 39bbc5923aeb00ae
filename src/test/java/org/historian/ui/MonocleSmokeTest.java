package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MonocleSmokeTest {
    private int clicks;

    @Start
    void start(Stage stage) {
        Button button = new Button("Press");
        button.setOnAction(e -> clicks++);
        stage.setScene(new Scene(button, 200, 100));
        stage.show();
    }

    @Test
    void clicks(FxRobot robot) {
        robot.clickOn("Press");
        assertThat(clicks).isEqualTo(1);
    }
}
