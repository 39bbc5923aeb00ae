package org.historian.ui.communities;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * accepts exactly what the command line accepts.
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
    private final BooleanBinding valid;
    private final Set<CommunityId> existing;
    /** Fields stay quiet until the operator has typed in them (or pressed Add). */
    private final Set<String> touched = new LinkedHashSet<>();

    public CommunityForm(Set<CommunityId> existing) {
        this.existing = Set.copyOf(existing);
        id.addListener(p -> touch("id"));
        name.addListener(p -> touch("name"));
        topics.addListener(p -> touch("topics"));
        pubsubTopic.addListener(p -> touch("pubsub"));
        valid = Bindings.createBooleanBinding(() -> errors().isEmpty(), id, name, topics, pubsubTopic);
    }

    public StringProperty idProperty() {
        return id;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Content topics, separated by commas, spaces or new lines. */
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
        topics.set(String.join("\n", community.topics().stream().map(ContentTopic::hex).toList()));
        pubsubTopic.set(community.pubsubTopic());
        encrypted.set(community.encrypted());
        touchAll();
    }

    private void touch(String field) {
        touched.add(field);
        showErrors();
    }

    private void showErrors() {
        idError.set(touched.contains("id") ? idProblem() : "");
        nameError.set(touched.contains("name") ? problem(() -> Community.validateName(name.get())) : "");
        topicsError.set(touched.contains("topics") ? topicsProblem() : "");
        pubsubError.set(touched.contains("pubsub") ? problem(() -> Community.validatePubsubTopic(pubsubTopic.get())) : "");
    }

    /** Every field's problem, named by field; empty when the form is valid. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        addIfAny(errors, "ID", idProblem());
        addIfAny(errors, "Name", problem(() -> Community.validateName(name.get())));
        addIfAny(errors, "Content topics", topicsProblem());
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
            return "enter the community ID: 0x followed by 66 hex digits";
        }
        try {
            CommunityId parsed = CommunityId.parse(text);
            return existing.contains(parsed) ? "this community is already on this node" : "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String topicsProblem() {
        List<String> parts = topicTexts();
        if (parts.isEmpty()) {
            return "enter at least one content topic, such as 0x1a2b3c4d";
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            try {
                ContentTopic topic = ContentTopic.parse(parts.get(i));
                if (!seen.add(topic.hex())) {
                    return "topic " + (i + 1) + " (" + parts.get(i) + ") is given twice";
                }
            } catch (IllegalArgumentException e) {
                return "topic " + (i + 1) + " (" + parts.get(i) + "): " + e.getMessage();
            }
        }
        return "";
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
        List<ContentTopic> parsed = topicTexts().stream().map(ContentTopic::parse).toList();
        return new Community(CommunityId.parse(id.get().strip()), name.get(), parsed, encrypted.get(), true, null,
                pubsubTopic.get(), false);
    }
}
