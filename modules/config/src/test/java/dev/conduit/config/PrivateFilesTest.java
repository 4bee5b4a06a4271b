package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Conduit creates under its home is its user's alone, whatever the umask. */
class PrivateFilesTest {

    @TempDir
    Path home;

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void foldersAre0700WithTheParentsConduitCreates() throws Exception {
        Path run = PrivateFiles.folder(home.resolve("conduit/run"));

        assertThat(permissions(run)).isEqualTo("rwx------");
        assertThat(permissions(home.resolve("conduit"))).isEqualTo("rwx------");
    }

    @Test
    void anExistingFolderOrFileIsTightened() throws Exception {
        Path logs = Files.createDirectory(home.resolve("logs"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path log = Files.createFile(logs.resolve("worker.log"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));

        PrivateFiles.folder(logs);
        PrivateFiles.file(log);

        assertThat(permissions(logs)).isEqualTo("rwx------");
        assertThat(permissions(log)).isEqualTo("rw-------");
    }

    @Test
    void filesAre0600() throws Exception {
        assertThat(permissions(PrivateFiles.file(home.resolve("worker.pid")))).isEqualTo("rw-------");
    }
}
