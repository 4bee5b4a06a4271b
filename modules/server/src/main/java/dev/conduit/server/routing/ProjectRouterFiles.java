package dev.conduit.server.routing;

import dev.conduit.config.ConduitConfig;
import dev.conduit.config.ConfigException;
import dev.conduit.config.ConfigLoader;
import dev.conduit.config.RouterConfig;
import dev.conduit.routing.SessionRouters;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * claude-code-router's project and session overrides, read where it reads them. A session's
 * project is the folder of {@code ~/.claude/projects} that holds {@code <session>.jsonl} (Claude
 * Code's transcript); its override is the {@code Router} of
 * {@code ~/.claude-code-router/<project>/<session>.json}, else of
 * {@code ~/.claude-code-router/<project>/config.json}. A file that cannot be read or is not valid
 * is ignored, with a warning, as claude-code-router ignores it.
 *
 * <p>Everything is cached and bounded, so a request costs one map lookup and no file system call:
 * a session's answer is kept for {@link #RECHECK}; a project once found is kept (sessions do not
 * move); a session without one is looked for again after {@link #MISS_RETRY}, since Claude Code
 * may write the transcript after its first request; a file's modification time and size are
 * checked at most once per {@link #RECHECK}, and the file read again when they changed.
 */
public final class ProjectRouterFiles implements SessionRouters {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectRouterFiles.class);

    static final Duration MISS_RETRY = Duration.ofSeconds(30);
    static final Duration RECHECK = Duration.ofSeconds(1);
    static final int MAX_SESSIONS = 1_000;
    static final int MAX_FILES = 256;
    /** Session ids become file names: anything but a plain id is not looked up. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Path claudeProjects;
    private final Path routerHome;
    private final ConduitConfig config;
    private final ConfigLoader loader;
    private final InstantSource clock;
    private final Map<String, Project> projects = bounded(MAX_SESSIONS);
    private final Map<Path, FileRouter> files = bounded(MAX_FILES);

    /**
     * The files of the project a session belongs to, or none as of {@code checkedAt}; and the
     * session's Router as last found, at {@code answeredAt}.
     */
    private record Project(Optional<ProjectFiles> files, Instant checkedAt, Optional<SessionRouter> answer,
            Instant answeredAt) {

        boolean answered(Instant now) {
            return !answeredAt.plus(RECHECK).isBefore(now);
        }

        /** Whether the project is known: found, or missed less than {@link #MISS_RETRY} ago. */
        boolean known(Instant now) {
            return files.isPresent() || checkedAt.plus(MISS_RETRY).isAfter(now);
        }
    }

    /** {@code ~/.claude-code-router/<project>/<session>.json} and {@code <project>/config.json}. */
    private record ProjectFiles(Path sessionFile, Path projectFile) {}

    /**
     * A file's Router as of the file's modification time and size (null and -1 while there is no
     * file), checked at {@code checkedAt}.
     */
    private record FileRouter(Instant modified, long size, Optional<SessionRouter> router, Instant checkedAt) {

        static final FileRouter ABSENT = new FileRouter(null, -1, Optional.empty(), Instant.MIN);

        boolean describes(BasicFileAttributes attributes) {
            return modified != null && modified.equals(attributes.lastModifiedTime().toInstant())
                    && size == attributes.size();
        }

        FileRouter checked(Instant at) {
            return new FileRouter(modified, size, router, at);
        }
    }

    public ProjectRouterFiles(Path claudeProjects, Path routerHome, ConduitConfig config, ConfigLoader loader,
            InstantSource clock) {
        this.claudeProjects = claudeProjects;
        this.routerHome = routerHome;
        this.config = config;
        this.loader = loader;
        this.clock = clock;
    }

    /** The folders claude-code-router uses: {@code ~/.claude/projects} and {@code ~/.claude-code-router}. */
    public static ProjectRouterFiles forUser(Path userHome, ConduitConfig config, ConfigLoader loader) {
        return new ProjectRouterFiles(userHome.resolve(".claude").resolve("projects"),
                userHome.resolve(".claude-code-router"), config, loader, InstantSource.system());
    }

    @Override
    public Optional<SessionRouter> find(String sessionId) {
        Project known;
        synchronized (projects) {
            known = projects.get(sessionId);
        }
        Instant now = clock.instant();
        if (known != null && known.answered(now)) {
            return known.answer();
        }
        // a session id becomes a file name: anything but a plain id is never looked up
        if (known == null && !SESSION_ID.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        Project project = known != null && known.known(now) ? known
                : new Project(search(sessionId).map(folder -> files(folder, sessionId)), now, Optional.empty(), Instant.MIN);
        Optional<SessionRouter> answer = project.files()
                .flatMap(found -> router(found.sessionFile(), now).or(() -> router(found.projectFile(), now)));
        synchronized (projects) {
            projects.put(sessionId, new Project(project.files(), project.checkedAt(), answer, now));
        }
        return answer;
    }

    private ProjectFiles files(String project, String sessionId) {
        Path folder = routerHome.resolve(project);
        return new ProjectFiles(folder.resolve(sessionId + ".json"), folder.resolve("config.json"));
    }

    private Optional<String> search(String sessionId) {
        List<String> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(claudeProjects, Files::isDirectory)) {
            entries.forEach(entry -> folders.add(entry.getFileName().toString()));
        } catch (IOException noProjects) {
            return Optional.empty();
        }
        folders.sort(null);
        String transcript = sessionId + ".jsonl";
        return folders.stream().filter(folder -> Files.isRegularFile(claudeProjects.resolve(folder).resolve(transcript)))
                .findFirst();
    }

    private Optional<SessionRouter> router(Path file, Instant now) {
        FileRouter cached;
        synchronized (files) {
            cached = files.getOrDefault(file, FileRouter.ABSENT);
        }
        if (!cached.checkedAt().plus(RECHECK).isBefore(now)) {
            return cached.router();
        }
        FileRouter current = current(file, cached).checked(now);
        synchronized (files) {
            files.put(file, current);
        }
        return current.router();
    }

    /** The file as it is now: {@code cached} when it has not changed, read again when it has. */
    private FileRouter current(Path file, FileRouter cached) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException absent) {
            return FileRouter.ABSENT;
        }
        if (cached.describes(attributes)) {
            return cached;
        }
        return new FileRouter(attributes.lastModifiedTime().toInstant(), attributes.size(), read(file), Instant.MIN);
    }

    private Optional<SessionRouter> read(Path file) {
        try {
            Optional<RouterConfig> router = loader.parseRouter(Files.readString(file), file, config);
            return router.map(found -> new SessionRouter(found, file.toString()));
        } catch (ConfigException invalid) {
            // the message starts with the file's name and the position of the problem
            LOG.warn("ignoring a claude-code-router project file's Router: {}", invalid.getMessage());
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            LOG.warn("ignoring {}: it cannot be read ({})", file, unreadable.toString());
        }
        return Optional.empty();
    }

    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
