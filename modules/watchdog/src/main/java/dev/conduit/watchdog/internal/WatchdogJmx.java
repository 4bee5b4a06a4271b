package dev.conduit.watchdog.internal;

import dev.conduit.management.DescribedEmitterMXBean;
import dev.conduit.watchdog.WatchdogMXBean;
import dev.conduit.watchdog.WatchdogSettings;
import dev.conduit.watchdog.WatchdogThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link WatchdogMXBean}: attributes from the supervisor's published status, operations that
 * wait for their outcome (bounded), notifications from {@link WatchdogNotifications}.
 */
public final class WatchdogJmx extends DescribedEmitterMXBean<WatchdogMXBean> implements WatchdogMXBean {

    private final Supervisor supervisor;
    private final WatchdogSettings settings;
    private final ProcessHandle self = ProcessHandle.current();

    public WatchdogJmx(Supervisor supervisor, WatchdogSettings settings, WatchdogNotifications notifications) {
        super(WatchdogMXBean.class, notifications);
        this.supervisor = supervisor;
        this.settings = settings;
    }

    private SupervisorStatus status() {
        return supervisor.status();
    }

    @Override
    public String getState() {
        return status().state().name();
    }

    @Override
    public long getSupervisorPid() {
        return self.pid();
    }

    @Override
    public long getSupervisorUptimeSeconds() {
        return self.info().startInstant().map(WatchdogJmx::secondsSince).orElse(0L);
    }

    @Override
    public long getWorkerPid() {
        return status().worker().pid();
    }

    @Override
    public long getWorkerUptimeSeconds() {
        Instant started = status().worker().startedAt();
        return started == null ? 0 : secondsSince(started);
    }

    @Override
    public String getWorkerHost() {
        return status().worker().host();
    }

    @Override
    public int getWorkerPort() {
        return status().worker().port();
    }

    @Override
    public String getWorkerHealth() {
        return status().worker().health();
    }

    @Override
    public long getWorkerResidentBytes() {
        return status().worker().residentBytes();
    }

    @Override
    public long getWorkerHeapUsedBytes() {
        return status().worker().heapUsedBytes();
    }

    @Override
    public long getRestartsTotal() {
        return status().restartsTotal();
    }

    @Override
    public int getRestartsInWindow() {
        return status().restartsInWindow();
    }

    @Override
    public boolean isCrashLoop() {
        return status().crashLoop();
    }

    @Override
    public int getLastExitCode() {
        SupervisorStatus.LastExit exit = status().lastExit();
        return exit == null ? -1 : exit.status().code();
    }

    @Override
    public String getLastExitSignal() {
        SupervisorStatus.LastExit exit = status().lastExit();
        return exit == null ? "" : exit.status().signal();
    }

    @Override
    public String getLastExitReason() {
        SupervisorStatus.LastExit exit = status().lastExit();
        return exit == null ? "" : exit.reason();
    }

    @Override
    public String getLastExitTime() {
        SupervisorStatus.LastExit exit = status().lastExit();
        return exit == null ? "" : exit.at().toString();
    }

    @Override
    public long getNextRestartInMillis() {
        Instant at = status().nextRestartAt();
        return at == null ? 0 : Math.max(0, Duration.between(Instant.now(), at).toMillis());
    }

    @Override
    public WatchdogThresholds getThresholds() {
        return WatchdogThresholds.of(settings);
    }

    @Override
    public String restartWorker() {
        return await(supervisor.restartWorker(), settings.startTimeout().plusSeconds(30));
    }

    @Override
    public String stopWorker() {
        return await(supervisor.stopWorker(), Duration.ofMinutes(2));
    }

    @Override
    public String startWorker() {
        return await(supervisor.startWorker(), settings.startTimeout().plusSeconds(30));
    }

    private static String await(CompletableFuture<String> outcome, Duration limit) {
        try {
            return outcome.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            return "still in progress after " + limit.toSeconds() + " s; see the State attribute";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static long secondsSince(Instant start) {
        return Math.max(0, Duration.between(start, Instant.now()).toSeconds());
    }
}
