package dev.conduit.config.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/** Collects what is wrong with a config (errors) and what is merely worth saying (warnings). */
public final class Findings {

    private final SequencedSet<Finding> errors = new LinkedHashSet<>();
    private final SequencedSet<Finding> warnings = new LinkedHashSet<>();

    public void error(JsonPath path, String message) {
        errors.add(new Finding(path, message));
    }

    public void warning(JsonPath path, String message) {
        warnings.add(new Finding(path, message));
    }

    public int errorCount() {
        return errors.size();
    }

    public List<Finding> errors() {
        return List.copyOf(errors);
    }

    public List<Finding> warnings() {
        return List.copyOf(warnings);
    }
}
