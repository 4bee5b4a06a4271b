package dev.conduit.server.reload;

import java.util.List;
import java.util.Optional;

/** Reloads the worker's config on request, and says how the last reload went. */
public interface Reloads {

    /** Reads and validates the whole config again and applies it to new requests, or rejects it. */
    ReloadOutcome reload(ReloadTrigger trigger);

    /** The last reload since the worker started, if any. */
    Optional<ReloadOutcome> last();

    /** The settings the config in force changed that the running server keeps until a restart. */
    List<String> needingRestart();
}
