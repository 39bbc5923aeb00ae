package org.historian.ui.control;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A QR code of a text (a magnet link), drawn dark on white in both themes so phones read it.
 * The matrix is computed once per text; a magnet link of a few hundred characters takes well
 * under a millisecond.
 */
public final class QrCodeView extends Region {
    private final Canvas canvas = new Canvas();
    private final StringProperty text = new SimpleStringProperty();
    private final ObjectProperty<BitMatrix> matrix = new SimpleObjectProperty<>();

    public QrCodeView() {
        getStyleClass().add("qr-code");
        getChildren().add(canvas);
        setPrefSize(180, 180);
        setMinSize(120, 120);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        text.addListener((p, before, after) -> {
            matrix.set(encode(after));
            redraw();
        });
    }

    public StringProperty textProperty() {
        return text;
    }

    /** The encoded modules, or null when there is no text (or it is too long for a QR code). */
    public BitMatrix matrix() {
        return matrix.get();
    }

    static BitMatrix encode(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new QRCodeWriter().encode(value, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L, EncodeHintType.MARGIN, 2));
        } catch (WriterException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected void layoutChildren() {
        double size = Math.min(getWidth(), getHeight());
        canvas.setWidth(size);
        canvas.setHeight(size);
        canvas.relocate((getWidth() - size) / 2, (getHeight() - size) / 2);
        redraw();
    }

    private void redraw() {
        double size = canvas.getWidth();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, size, size);
        BitMatrix modules = matrix.get();
        if (modules == null || size <= 0) {
            return;
        }
        int count = modules.getWidth();
        double cell = Math.floor(size / count);
        if (cell < 1) {
            cell = size / count;
        }
        double offset = (size - cell * count) / 2;
        g.setFill(Color.BLACK);
        for (int y = 0; y < count; y++) {
            for (int x = 0; x < count; x++) {
                if (modules.get(x, y)) {
                    g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
                }
            }
        }
    }
}
