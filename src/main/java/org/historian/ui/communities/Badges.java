package org.historian.ui.communities;

import java.util.List;
import org.historian.service.CommunityStatus;
import org.historian.service.SeedingFigures;
import org.historian.service.Format;

/** The state badge of a community: its words and its style class. */
public final class Badges {
    /** Every style class a badge may carry; one is set at a time. */
    public static final List<String> STYLE_CLASSES = List.of("state-off", "state-idle", "state-waiting", "state-syncing",
            "state-archiving", "state-seeding", "state-error", "state-starting", "state-on", "state-warning");

    private Badges() {
    }

    public static String label(CommunityStatus status) {
        if (status.isMirror()) {
            return switch (status.mirror().state()) {
                case FOLLOWING -> "following";
                case FETCHING -> "fetching " + Format.percent(status.mirror().progress());
                case SEEDING -> seedingLabel(status.seeding());
                case STALE -> "owner silent";
                case REFUSED -> "link refused";
                case NO_NODE -> "no store node";
                case OFF -> "off";
            };
        }
        return switch (status.activity()) {
            case DISABLED -> "off";
            case IDLE -> "idle";
            case WAITING_FOR_SOURCE -> "waiting for store node";
            case SYNCING -> "syncing";
            case ARCHIVING -> "archiving " + Format.percent(status.progress());
            case SEEDING -> seedingLabel(status.seeding());
            case ERROR -> "error";
        };
    }

    private static String seedingLabel(SeedingFigures seeding) {
        if (seeding != null && seeding.state() == SeedingFigures.State.CHECKING) {
            return "checking files";
        }
        if (seeding != null && seeding.state() == SeedingFigures.State.ERROR) {
            return "seeding error";
        }
        return "seeding";
    }

    public static String styleClass(CommunityStatus status) {
        if (status.isMirror()) {
            return switch (status.mirror().state()) {
                case FOLLOWING -> "state-waiting";
                case FETCHING -> "state-syncing";
                case SEEDING -> status.seeding() != null && status.seeding().state() == SeedingFigures.State.ERROR
                        ? "state-error" : "state-seeding";
                case STALE, NO_NODE -> "state-warning";
                case REFUSED -> "state-error";
                case OFF -> "state-off";
            };
        }
        return switch (status.activity()) {
            case DISABLED -> "state-off";
            case IDLE -> "state-idle";
            case WAITING_FOR_SOURCE -> "state-waiting";
            case SYNCING -> "state-syncing";
            case ARCHIVING -> "state-archiving";
            case SEEDING -> status.seeding() != null && status.seeding().state() == SeedingFigures.State.ERROR ? "state-error" : "state-seeding";
            case ERROR -> "state-error";
        };
    }

    /** Sets one state class on a node's style classes, removing the others. */
    public static void apply(javafx.scene.Node node, String styleClass) {
        node.getStyleClass().removeAll(STYLE_CLASSES);
        node.getStyleClass().add(styleClass);
    }
}
