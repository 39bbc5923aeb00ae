package org.historian.ui.communities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;

/**
 * The "Add community" form as a view model: the fields as typed, and for each field the error
 * to show beside it (empty when the field is fine). Validation is the model's own, so the form
 * accepts exactly what the command line accepts. Only the ID (or share link) is needed; the
 * extra topics of 2024-era channels may be 4-byte topics or chat IDs.
 */
public final class CommunityForm {
    private final StringProperty id = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty topics = new SimpleStringProperty("");
    private final StringProperty pubsubTopic = new SimpleStringProperty(Community.DEFAULT_PUBSUB_TOPIC);
    private final BooleanProperty encrypted = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper idError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper topicsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pubsubError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resolved = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper namePrompt = new ReadOnlyStringWrapper("");
    private final BooleanBinding valid;
    private final Set<CommunityId> existing;
    /** Fields stay quiet until the operator has typed in them (or pressed Add). */
    private final Set<String> touched = new LinkedHashSet<>();

    public CommunityForm(Set<CommunityId> existing) {
        this.existing = Set.copyOf(existing);
        id.addListener(p -> touch("id"));
        id.addListener(p -> showResolved());
        name.addListener(p -> touch("name"));
        topics.addListener(p -> touch("topics"));
        pubsubTopic.addListener(p -> touch("pubsub"));
        valid = Bindings.createBooleanBinding(() -> errors().isEmpty(), id, name, topics, pubsubTopic);
        showResolved();
    }

    public StringProperty idProperty() {
        return id;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Extra topics or chat IDs of 2024-era channels, separated by commas, spaces or new lines. */
    public StringProperty topicsProperty() {
        return topics;
    }

    public StringProperty pubsubTopicProperty() {
        return pubsubTopic;
    }

    public BooleanProperty encryptedProperty() {
        return encrypted;
    }

    public ReadOnlyStringProperty idErrorProperty() {
        return idError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty topicsErrorProperty() {
        return topicsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pubsubErrorProperty() {
        return pubsubError.getReadOnlyProperty();
    }

    /** What the ID field resolves to (the ID of a pasted share link, the universal chat's topic); empty when invalid. */
    public ReadOnlyStringProperty resolvedProperty() {
        return resolved.getReadOnlyProperty();
    }

    /** The name the community gets when none is typed. */
    public ReadOnlyStringProperty namePromptProperty() {
        return namePrompt.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** Shows every field's error, typed in or not (when Add is pressed). */
    public void touchAll() {
        touched.addAll(List.of("id", "name", "topics", "pubsub"));
        showErrors();
    }

    /** Fills the form from a community description file. */
    public void fill(Community community) {
        id.set(community.id().hex());
        name.set(community.name());
        topics.set(String.join("\n", community.extraTopics().stream().map(topic -> community.topicChatIds().getOrDefault(topic,
                topic.hex())).toList()));
        pubsubTopic.set(community.pubsubTopic());
        encrypted.set(community.encrypted());
        touchAll();
    }

    private void touch(String field) {
        touched.add(field);
        showErrors();
    }

    private void showResolved() {
        Optional<CommunityId> parsed = parsedId();
        resolved.set(parsed.map(value -> (id.get().strip().startsWith("0x") ? "" : "Community " + value.hex() + "\n")
                + "Archives its universal chat " + value.universalChatId() + " (topic " + value.universalTopic().hex()
                + "), where current Status clients send every message.").orElse(""));
        namePrompt.set(parsed.map(value -> "optional; default \u201c" + Community.defaultName(value) + "\u201d").orElse(
                "optional: as members see it"));
    }

    private Optional<CommunityId> parsedId() {
        try {
            return Optional.of(CommunityId.parse(id.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String nameProblem() {
        return name.get().isBlank() ? "" : problem(() -> Community.validateName(name.get()));
    }

    private void showErrors() {
        idError.set(touched.contains("id") ? idProblem() : "");
        nameError.set(touched.contains("name") ? nameProblem() : "");
        topicsError.set(touched.contains("topics") ? topicsProblem() : "");
        pubsubError.set(touched.contains("pubsub") ? problem(() -> Community.validatePubsubTopic(pubsubTopic.get())) : "");
    }

    /** Every field's problem, named by field; empty when the form is valid. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        addIfAny(errors, "ID", idProblem());
        addIfAny(errors, "Name", nameProblem());
        addIfAny(errors, "Extra topics", topicsProblem());
        addIfAny(errors, "Pubsub topic", problem(() -> Community.validatePubsubTopic(pubsubTopic.get())));
        return errors;
    }

    private static void addIfAny(List<String> errors, String field, String problem) {
        if (!problem.isEmpty()) {
            errors.add(field + ": " + problem);
        }
    }

    private String idProblem() {
        String text = id.get().strip();
        if (text.isEmpty()) {
            return "paste the community's share link (https://status.app/c#zQ3\u2026) or its ID (0x followed by 66 hex digits)";
        }
        try {
            CommunityId parsed = CommunityId.parse(text);
            return existing.contains(parsed) ? "this community is already on this node" : "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String topicsProblem() {
        try {
            extras();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * The extra topics as typed, each with the chat ID it came from when one was given.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    private Map<ContentTopic, String> extras() {
        Map<ContentTopic, String> extras = new LinkedHashMap<>();
        List<String> parts = topicTexts();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String where = "entry " + (i + 1) + " (" + part + ")";
            ContentTopic topic;
            String chatId = null;
            if (part.length() <= 10) {
                try {
                    topic = ContentTopic.parse(part);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            } else {
                CommunityId community = parsedId().orElseThrow(() -> new IllegalArgumentException(where
                        + " looks like a chat ID; enter a valid community ID first"));
                try {
                    Community.requireChannelChatId(community, part);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                topic = ContentTopic.ofChatId(part);
                chatId = part;
            }
            if (extras.containsKey(topic)) {
                throw new IllegalArgumentException(where + " is given twice");
            }
            extras.put(topic, chatId);
        }
        return extras;
    }

    private List<String> topicTexts() {
        List<String> parts = new ArrayList<>();
        for (String part : topics.get().split("[,\\s]+")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static String problem(Runnable check) {
        try {
            check.run();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The community the form describes. @throws IllegalArgumentException when the form is not valid */
    public Community toCommunity() {
        List<String> errors = errors();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        Map<ContentTopic, String> extras = extras();
        Map<ContentTopic, String> chatIds = new LinkedHashMap<>();
        extras.forEach((topic, chatId) -> {
            if (chatId != null) {
                chatIds.put(topic, chatId);
            }
        });
        return new Community(CommunityId.parse(id.get()), name.get(), new ArrayList<>(extras.keySet()), chatIds, encrypted.get(),
                true, null, pubsubTopic.get(), false);
    }
}
