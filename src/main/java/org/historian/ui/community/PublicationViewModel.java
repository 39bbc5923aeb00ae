package org.historian.ui.community;

import java.util.Arrays;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import org.historian.model.CommunityId;
import org.historian.model.SigningKey;
import org.historian.service.KeyVault;
import org.historian.service.Publication;
import org.historian.service.PublicationVerifier;
import org.historian.model.KeyKind;
import org.historian.ui.BackgroundWork;
import org.historian.service.Format;
import org.historian.ui.ResultKind;
import org.historian.ui.UiContext;
import org.historian.ui.communities.CommunityRow;

/**
 * Whether members learn of the selected community's archives: the magnet link's publication,
 * the community key (import, unlock, remove) and "verify publication". Keys and the network are
 * only touched off the FX thread.
 */
public final class PublicationViewModel {
    private final UiContext context;
    private final BackgroundWork work;
    private final ObjectProperty<CommunityRow> row = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<ResultKind> statusKind = new SimpleObjectProperty<>(ResultKind.NONE);
    private final ObjectProperty<KeyVault.State> keyState = new SimpleObjectProperty<>(KeyVault.State.NONE);
    private final StringProperty keyText = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty result = new SimpleStringProperty("");
    private final ObjectProperty<ResultKind> resultKind = new SimpleObjectProperty<>(ResultKind.NONE);
    private Publication shown;

    public PublicationViewModel(UiContext context, BackgroundWork work) {
        this.context = context;
        this.work = work;
        ChangeListener<Number> revised = (p, before, after) -> showPublication();
        row.addListener((p, before, after) -> {
            if (before != null) {
                before.revisionProperty().removeListener(revised);
            }
            shown = null;
            result.set("");
            resultKind.set(ResultKind.NONE);
            if (after != null) {
                after.revisionProperty().addListener(revised);
                showPublication();
                refreshKeyState();
            }
        });
    }

    private void showPublication() {
        CommunityRow current = row.get();
        if (current == null) {
            return;
        }
        Publication publication = current.status().publication();
        if (publication.equals(shown)) {
            return;
        }
        boolean stateChanged = shown == null || shown.state() != publication.state() || !shown.detail().equals(publication.detail());
        shown = publication;
        String at = publication.at() == null ? "" : " (" + Format.dateTime(publication.at(), context.zone()) + ")";
        switch (publication.state()) {
            case NOTHING_YET -> show(ResultKind.NONE, "No magnet link yet: nothing is seeded.");
            case RECORDED_ONLY -> show(ResultKind.WARNING, "Not published: " + publication.detail() + at + ".");
            case PUBLISHED -> show(ResultKind.OK, capitalised(publication.detail()) + at + ".");
            case SENDING -> show(ResultKind.NONE, "Link " + publication.detail() + at + (publication.nextAttempt() == null ? "."
                    : "; given up at " + Format.dateTime(publication.nextAttempt(), context.zone()) + " if the node does not take it."));
            case FAILED -> show(ResultKind.ERROR, "Not published: " + publication.detail() + at + ". Next attempt "
                    + Format.dateTime(publication.nextAttempt(), context.zone()) + ".");
        }
        if (stateChanged) {
            refreshKeyState();
        }
    }

    private void show(ResultKind kind, String text) {
        statusKind.set(kind);
        status.set(text);
    }

    private void refreshKeyState() {
        CommunityRow current = row.get();
        if (current == null) {
            return;
        }
        CommunityId id = current.id();
        work.run(() -> new KeyVault.State[] {context.keys().state(id, KeyKind.COMMUNITY), context.keys().state(id, KeyKind.SHARD)},
                states -> {
                    if (row.get() != null && row.get().id().equals(id)) {
                        keyState.set(states[0]);
                        keyText.set(keyText(states[0], states[1]));
                    }
                }, error -> keyText.set("The key store cannot be read: " + BackgroundWork.messageOf(error)));
    }

    private static String keyText(KeyVault.State community, KeyVault.State shard) {
        String text = switch (community) {
            case NONE -> "No community key imported: links cannot be signed, members ignore unsigned ones.";
            case LOCKED -> "Community key stored, locked: unlock it with the passphrase to publish.";
            case UNLOCKED -> "Community key imported and unlocked for this session.";
        };
        return switch (shard) {
            case NONE -> text;
            case LOCKED -> text + " Protected-shard key stored, locked.";
            case UNLOCKED -> text + " Protected-shard key imported: messages carry its signature in meta.";
        };
    }

    /**
     * Imports the community key, and the protected-shard key when one is given (empty when the
     * community has no protected shard). Both are checked before either is stored; the text is
     * wiped from the caller's arrays after use.
     */
    public void importKey(char[] keyHex, char[] shardKeyHex, char[] passphrase) {
        CommunityId id = row.get().id();
        busy.set(true);
        work.run(() -> {
            try {
                SigningKey communityKey = SigningKey.parseHex(new String(keyHex));
                Optional<SigningKey> shardKey = shardKeyHex.length == 0 ? Optional.empty()
                        : Optional.of(SigningKey.parseHex(new String(shardKeyHex)));
                context.keys().importKeys(id, communityKey, shardKey, passphrase);
                return shardKey.isPresent();
            } finally {
                Arrays.fill(keyHex, '\0');
                Arrays.fill(shardKeyHex, '\0');
                Arrays.fill(passphrase, '\0');
            }
        }, withShard -> done(ResultKind.OK, (withShard ? "Community and protected-shard keys" : "Key")
                + " imported and stored encrypted; the magnet link is being published."), this::failed);
    }

    public void unlock(char[] passphrase) {
        busy.set(true);
        work.run(() -> context.keys().unlock(passphrase), count -> {
            Arrays.fill(passphrase, '\0');
            done(ResultKind.OK, "Unlocked " + count + (count == 1 ? " key" : " keys") + " for this session; the links are being published.");
        }, error -> {
            Arrays.fill(passphrase, '\0');
            failed(error);
        });
    }

    public void removeKey() {
        CommunityId id = row.get().id();
        busy.set(true);
        work.run(() -> {
            context.keys().remove(id, KeyKind.COMMUNITY);
            context.keys().remove(id, KeyKind.SHARD);
        }, () -> done(ResultKind.WARNING, "Keys removed: this community's links are no longer published."), this::failed);
    }

    /** Reads the archive links back from the Waku node (else the store node) as a member would: universal chat, then -magnetlinks. */
    public void verify() {
        CommunityId id = row.get().id();
        busy.set(true);
        result.set("Reading the archive links (universal chat and 2024-era magnet channel) from the Waku node…");
        resultKind.set(ResultKind.NONE);
        work.run(() -> {
            if (!context.verifier().nodeConfigured()) {
                return null;
            }
            return context.verifier().verify(id, Optional.empty());
        }, (PublicationVerifier.Verification verification) -> {
            if (verification == null) {
                done(ResultKind.WARNING, "No node to read from: set the Waku node URL in Settings.");
            } else {
                done(verification.accepted() ? ResultKind.OK : ResultKind.ERROR, verification.summary() + "\n"
                        + String.join("\n", verification.details()));
            }
        }, this::failed);
    }

    private void done(ResultKind kind, String text) {
        busy.set(false);
        resultKind.set(kind);
        result.set(text);
        refreshKeyState();
    }

    private void failed(Throwable error) {
        done(ResultKind.ERROR, BackgroundWork.messageOf(error));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public ObjectProperty<CommunityRow> rowProperty() { return row; }
    public StringProperty statusProperty() { return status; }
    public ObjectProperty<ResultKind> statusKindProperty() { return statusKind; }
    public ObjectProperty<KeyVault.State> keyStateProperty() { return keyState; }
    public StringProperty keyTextProperty() { return keyText; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty resultProperty() { return result; }
    public ObjectProperty<ResultKind> resultKindProperty() { return resultKind; }
}
