/**
 * The {@code conduit} command. {@code start} launches the supervisor; the admin verbs
 * ({@code status}, {@code health}, {@code metrics}, {@code reload}, {@code drain}, {@code restart})
 * talk JMX to it and its worker, attached over the Attach API as the same OS user; {@code stop}
 * signals it; {@code code} runs Claude Code through it.
 */
module dev.conduit.cli {
    requires dev.conduit.config;
    requires dev.conduit.daemon;
    requires dev.conduit.health;
    requires dev.conduit.server;
    requires dev.conduit.watchdog;
    requires java.management;
    requires java.net.http;
    requires jdk.unsupported;

    exports dev.conduit.cli;
}
