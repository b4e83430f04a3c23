package org.openwec.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openwec.core.model.BookmarkPosition;

/**
 * Nanoseconds to read one stored bookmark, the work the bookmark group commit does for every bookmark it
 * guards: the core's own parser ({@link BookmarkPosition#parse}) against the JDK's StAX parser
 * ({@link StaxBookmarkParser}), on bookmark lists as Windows sends them, with 1 and 5 channels. Run with
 * {@code benchmarks/run --bookmark-parsers} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BookmarkParsing {

    @Param({"1", "5"})
    public int channels;

    private String bookmark;

    @Setup
    public void setUp() {
        bookmark = sample(channels);
    }

    @Benchmark
    public BookmarkPosition coreParser() {
        return BookmarkPosition.parse(bookmark);
    }

    @Benchmark
    public BookmarkPosition stax() {
        return StaxBookmarkParser.parse(bookmark);
    }

    private static final String[] CHANNELS = {
            "Microsoft-Windows-WinRM/Operational", "Security", "System", "Application",
            "Microsoft-Windows-Sysmon/Operational"};
    private static final long[] RECORD_IDS = {149_161L, 1_893_327_045L, 4_512_398L, 1_209_874L, 88_123_456L};

    /**
     * A bookmark list as a Windows client sends it in the w:Bookmark header (OpenWEC doc/protocol.md at
     * a41b95f), stored verbatim: the header's line breaks and tabs included, the last channel marked current.
     */
    static String sample(int channels) {
        StringBuilder list = new StringBuilder("<BookmarkList>\r\n");
        for (int i = 0; i < channels; i++) {
            list.append("\t\t\t\t<Bookmark Channel=\"").append(CHANNELS[i]).append("\" RecordId=\"").append(RECORD_IDS[i])
                    .append(i == channels - 1 ? "\" IsCurrent=\"true\"/>\r\n" : "\"/>\r\n");
        }
        return list.append("\t\t\t</BookmarkList>").toString();
    }
}
