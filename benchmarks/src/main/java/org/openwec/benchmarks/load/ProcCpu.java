package org.openwec.benchmarks.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time from Linux's {@code /proc}, read from outside the process measured, so that the collector (whichever
 * program it is), the generator and the PostgreSQL server are measured the same way. Times are in nanoseconds;
 * the kernel counts in clock ticks ({@code USER_HZ}, 100 on Linux), so a figure is good to 10 ms.
 */
final class ProcCpu {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on every Linux architecture Java runs on

    private ProcCpu() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** User + system time of a process, all its threads (live ones and those that ended); -1 when it is gone. */
    static long processNanos(long pid) {
        return statNanos(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** User + system time of a process and of all its descendants (PostgreSQL: the postmaster and its backends). */
    static long treeNanos(long pid) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] fields = fields(process.resolve("stat"));
                if (fields != null) {
                    children.computeIfAbsent(Long.parseLong(fields[2]), k -> new ArrayList<>())
                            .add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        long total = 0;
        List<Long> pending = new ArrayList<>(List.of(pid));
        while (!pending.isEmpty()) {
            long next = pending.removeLast();
            long nanos = processNanos(next);
            if (nanos > 0) {
                total += nanos;
            }
            pending.addAll(children.getOrDefault(next, List.of()));
        }
        return total;
    }

    /**
     * The CPU time of a process's threads, summed by group: the thread's name with its trailing digits and
     * separators removed ({@code wef-io-3-1} and {@code wef-io-3-2} are {@code wef-io}). Linux keeps 15 characters
     * of a thread's name.
     */
    static Map<String, Long> threadGroups(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                String[] fields = fields(thread.resolve("stat"));
                if (fields != null) {
                    groups.merge(group(fields[0]), nanos(fields), Long::sum);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return groups;
    }

    static String group(String threadName) {
        String name = threadName.replaceAll("[-#_ ]*[0-9]*$", "");
        while (!name.equals(threadName)) {
            threadName = name;
            name = threadName.replaceAll("[-#_ ]*[0-9]*$", "");
        }
        return name.isEmpty() ? "(unnamed)" : name;
    }

    /** The whole machine since boot: {busy, total} in nanoseconds of CPU time, all cores together. */
    static long[] machineNanos() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = cpu.trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            return new long[] {busy * NANOS_PER_TICK, (busy + idle + iowait) * NANOS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long statNanos(Path stat) {
        String[] fields = fields(stat);
        return fields == null ? -1 : nanos(fields);
    }

    /** utime + stime: fields 14 and 15 of stat (counted from 1 with the pid); here the name is 0 and ppid 2. */
    private static long nanos(String[] fields) {
        return (Long.parseLong(fields[12]) + Long.parseLong(fields[13])) * NANOS_PER_TICK;
    }

    /**
     * The fields of a stat file, the name (which may hold spaces and parentheses) as field 0, then the fields
     * after it from "state" on; null when the process is gone.
     */
    private static String[] fields(Path stat) {
        String text;
        try {
            text = Files.readString(stat);
        } catch (IOException e) {
            return null;
        }
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] rest = text.substring(close + 2).trim().split(" ");
        String[] fields = new String[rest.length + 1];
        fields[0] = text.substring(open + 1, close);
        System.arraycopy(rest, 0, fields, 1, rest.length);
        return fields;
    }
}
