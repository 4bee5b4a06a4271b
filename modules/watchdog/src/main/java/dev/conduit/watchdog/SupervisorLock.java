package dev.conduit.watchdog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock that makes a supervisor the only one for its home: an exclusive lock on
 * {@code run/supervisor.lock}, held for the supervisor's life. The system releases it when the
 * process dies, however it dies, so a lock that can be taken means no supervisor runs, whatever a
 * pid file says.
 */
public final class SupervisorLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private SupervisorLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock; empty when another process holds it. */
    public static Optional<SupervisorLock> tryAcquire(RunDirectory run) throws IOException {
        run.create();
        FileChannel channel = FileChannel.open(run.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new SupervisorLock(channel, lock));
        } catch (OverlappingFileLockException heldByThisProcess) {
            channel.close();
            return Optional.empty();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** True when a supervisor holds the lock of this home now. */
    public static boolean isHeld(RunDirectory run) throws IOException {
        Optional<SupervisorLock> probe = tryAcquire(run);
        probe.ifPresent(SupervisorLock::close);
        return probe.isEmpty();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel, or with the process
        }
    }
}
