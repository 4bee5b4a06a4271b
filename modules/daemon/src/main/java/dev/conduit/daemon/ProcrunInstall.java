package dev.conduit.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * The procrun commands that install and remove the Windows service, argument by argument, as
 * {@code daemon/install-service.ps1} and {@code install-service.bat} run them (modelled on
 * Tomcat's {@code service.bat}): {@code prunsrv //IS} in jvm mode on the image's {@code
 * jvm.dll}, {@link ProcrunService} as start and stop class, the log path, the stop timeout, and
 * then {@code sc.exe failure} for the recovery actions (restart after 5 s, 5 s, then 60 s).
 */
public final class ProcrunInstall {

    public static final String SERVICE = "Conduit";
    private static final String SERVICE_CLASS = "dev.conduit.daemon.ProcrunService";

    private ProcrunInstall() {}

    /** {@code prunsrv.exe} as the image ships it. */
    public static String prunsrv(ServiceLayout layout) {
        return layout.image() + "\\daemon\\prunsrv.exe";
    }

    /** {@code prunsrv //IS//Conduit ...}. */
    public static List<String> install(ServiceLayout layout) {
        List<String> command = new ArrayList<>(List.of(prunsrv(layout), "//IS//" + SERVICE,
                "--DisplayName=Conduit LLM API gateway",
                "--Description=Conduit: Anthropic and OpenAI clients to any provider",
                "--Install=" + prunsrv(layout),
                "--Startup=auto",
                "--ServiceUser=" + layout.user(),
                "--Jvm=" + layout.image() + "\\bin\\server\\jvm.dll",
                "--StartMode=jvm",
                "--StartClass=" + SERVICE_CLASS,
                "--StartMethod=start",
                "--StartParams=--config;" + layout.config(),
                "--StopMode=jvm",
                "--StopClass=" + SERVICE_CLASS,
                "--StopMethod=stop",
                "--StopTimeout=" + SystemdUnit.STOP_TIMEOUT.toSeconds(),
                "--LogPath=" + layout.logs(),
                "--LogPrefix=procrun",
                "--StdOutput=auto",
                "--StdError=auto",
                "--Environment=CONDUIT_HOME=" + layout.state() + ";CONDUIT_CONFIG=" + layout.config(),
                "--JvmMs=4",
                "--JvmMx=24",
                "--JvmSs=256",
                "++JvmOptions=-XX:+UseSerialGC;-Xint;-XX:+ExitOnOutOfMemoryError"));
        return List.copyOf(command);
    }

    /** {@code sc.exe failure}: the recovery actions. */
    public static List<String> recovery() {
        return List.of("sc.exe", "failure", SERVICE, "reset=", "86400", "actions=",
                "restart/5000/restart/5000/restart/60000");
    }

    /** {@code prunsrv //DS//Conduit}. */
    public static List<String> uninstall(ServiceLayout layout) {
        return List.of(prunsrv(layout), "//DS//" + SERVICE);
    }

    /** One argument as {@code cmd.exe} reads it: quoted when it holds a space or a semicolon. */
    public static String quote(String argument) {
        return argument.contains(" ") || argument.contains(";") ? "\"" + argument + "\"" : argument;
    }
}
