package org.openwec.adapters.outputs.driver;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.openwec.adapters.outputs.event.EventMetadata;

/** A Files output: renders its path for the batch's machine and appends the batch to that file. */
public final class FilesSink implements Sink {
    private final PathTemplate path;
    private final FileHandles files;

    /** @throws IllegalArgumentException when the path template is invalid */
    public FilesSink(String pathTemplate, FileHandles files) {
        this.path = PathTemplate.parse(pathTemplate);
        this.files = files;
    }

    @Override
    public void write(EventMetadata metadata, List<String> events) throws IOException {
        String rendered = path.render(metadata);
        Path file;
        try {
            file = Path.of(rendered);
        } catch (InvalidPathException e) {
            throw new IOException("Files path \"" + rendered + "\" (from \"" + path + "\") is not a valid path: "
                    + e.getMessage(), e);
        }
        files.append(file, Sink.lines(events));
    }

    /** The file handles are shared by every Files output and closed when idle, not with one output. */
    @Override
    public void close() {}
}
