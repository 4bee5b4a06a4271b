/**
 * Conduit's configuration: claude-code-router's {@code config.json} read as JSON5, with
 * {@code $VAR}/{@code ${VAR}} interpolation, validation with file positions, and discovery.
 */
module dev.conduit.config {
    requires transitive tools.jackson.databind;

    exports dev.conduit.config;
}
