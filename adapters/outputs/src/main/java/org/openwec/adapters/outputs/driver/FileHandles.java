package org.openwec.adapters.outputs.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files the Files outputs write to, kept open between batches and shared by every output (two outputs,
 * of the same subscription or not, may name the same file). A batch is appended with one write while the
 * file's lock is held, so batches written at the same time never interleave their lines; the file is opened
 * in append mode, so other processes appending to it do not overwrite them. A file not written to for
 * {@code files_descriptor_close_timeout} is closed by {@link #closeIdle}; {@link #closeAll} closes every
 * one (SIGHUP, after logrotate moved them). After a failed write the file is closed, so the next batch
 * opens it again.
 */
public final class FileHandles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileHandles.class);

    private final Clock clock;
    private final Map<Path, Handle> open = new ConcurrentHashMap<>();

    public FileHandles(Clock clock) {
        this.clock = clock;
    }

    private static final class Handle {
        final Path path;
        final FileChannel channel;
        Instant lastUsed; // guarded by this
        boolean closed; // guarded by this

        Handle(Path path, FileChannel channel, Instant opened) {
            this.path = path;
            this.channel = channel;
            this.lastUsed = opened;
        }

        /** Callers hold the lock. */
        void close() {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing {} failed: {}", path, e.toString());
            }
        }
    }

    /** Appends the content in one write, creating the file and its parent directories if needed. */
    public void append(Path path, byte[] content) throws IOException {
        while (true) {
            Handle handle = handle(path);
            synchronized (handle) {
                if (handle.closed) {
                    continue; // closed by closeIdle or closeAll between lookup and lock: open it again
                }
                handle.lastUsed = clock.instant();
                try {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        handle.channel.write(buffer);
                    }
                    return;
                } catch (IOException e) {
                    handle.close();
                    open.remove(path, handle);
                    throw new IOException("writing to " + path + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private Handle handle(Path path) throws IOException {
        try {
            return open.computeIfAbsent(path, this::openHandle);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Handle openHandle(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            LOG.debug("opened {}", path);
            return new Handle(path, channel, clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("opening " + path + " failed: " + e, e));
        }
    }

    /** Closes the files not written to for {@code timeout}; returns how many. */
    public int closeIdle(Duration timeout) {
        Instant limit = clock.instant().minus(timeout);
        return closeWhere(handle -> handle.lastUsed.isBefore(limit));
    }

    /** Closes every file; the next batch for each opens it again. */
    public int closeAll() {
        return closeWhere(handle -> true);
    }

    private int closeWhere(java.util.function.Predicate<Handle> shouldClose) {
        List<Path> closed = new ArrayList<>();
        for (Handle handle : open.values()) {
            synchronized (handle) {
                if (!handle.closed && shouldClose.test(handle)) {
                    handle.close();
                    open.remove(handle.path, handle);
                    closed.add(handle.path);
                }
            }
        }
        if (!closed.isEmpty()) {
            LOG.debug("closed {}", closed);
        }
        return closed.size();
    }

    /** How many files are open now. */
    public int openCount() {
        return open.size();
    }

    @Override
    public void close() {
        closeAll();
    }
}
