package org.historian.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.historian.store.SettingsRepository;

/**
 * What the window remembers between starts (size and position, theme, the open view), kept
 * beside the settings under keys starting with {@code ui.}. Not operator settings: never
 * validated beyond their own parsing, never listed by {@code historian settings}.
 */
public final class ViewPreferences {
    static final String PREFIX = "ui.";

    private final SettingsRepository repository;

    public ViewPreferences(SettingsRepository repository) {
        this.repository = repository;
    }

    /** Every remembered value, read at once before the window opens. */
    public Map<String, String> load() {
        Map<String, String> values = new HashMap<>();
        repository.all().forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                values.put(key.substring(PREFIX.length()), value);
            }
        });
        return values;
    }

    public Optional<String> get(String key) {
        return repository.get(PREFIX + key);
    }

    public void save(Map<String, String> values) {
        values.forEach((key, value) -> repository.put(PREFIX + key, value));
    }
}
