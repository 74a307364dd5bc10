package dev.moat.bench;

import dev.moat.index.MemoryIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** What the process holds after a step: heap after a full collection, resident set, bytes per memory on disk. */
final class ProcessProbe {

    private ProcessProbe() {}

    /** The figures after a step, the index's and database's bytes read from their folders in the data folder. */
    static PerfReport.Resources measure(Path dataDir, MemoryIndex.IndexStatus status) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long indexBytes = folderBytes(dataDir.resolve("index"));
        long dbBytes = folderBytes(dataDir.resolve("db"));
        long indexed = Math.max(1, status.memories());
        return new PerfReport.Resources(
                heap >> 20,
                residentMb(),
                status.memories(),
                status.segments(),
                indexBytes / indexed,
                dbBytes / indexed);
    }

    /** VmRSS from /proc (Linux); -1 elsewhere. */
    static long residentMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The bytes of the folder's files. Merges delete segment files while the walk runs: a file gone before it was
     * measured counts nothing (a walk by stream failed there, ending a whole run).
     */
    static long folderBytes(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.isRegularFile() ? attributes.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // merged away while we looked
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }
}
