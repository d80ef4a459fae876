package io.mpaas.agent.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: order, durability before action, one force per file per batch, failures. */
class CheckpointWriterTest {

    @TempDir
    Path dir;

    /** Every force, by file name. */
    private final List<String> forces = new CopyOnWriteArrayList<>();
    /** Counted down when the first force begins; that force waits for {@link #release}. */
    private final CountDownLatch firstForce = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holdFirst;
    private CheckpointWriter writer;

    private CheckpointWriter started() {
        writer = new CheckpointWriter((file, channel) -> {
            channel.force(false);
            forces.add(file.getFileName().toString());
            if (holdFirst && firstForce.getCount() > 0) {
                firstForce.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).start();
        return writer;
    }

    @AfterEach
    void close() throws Exception {
        release.countDown();
        if (writer != null) {
            writer.close();
        }
    }

    private static byte[] text(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> lines(String name) throws Exception {
        return Files.readAllLines(dir.resolve(name));
    }

    @Test
    void aLineIsOnDiskBeforeItsActionRunsAndActionsRunInSubmissionOrder() throws Exception {
        CheckpointWriter writer = started();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (String line : List.of("a1", "b1", "a2")) {
            Path file = dir.resolve(line.substring(0, 1) + ".jsonl");
            done.add(writer.append(file, text(line), () -> {
                boolean durable;
                try {
                    durable = forces.contains(file.getFileName().toString())
                            && Files.readAllLines(file).contains(line);
                } catch (java.io.IOException e) {
                    durable = false;
                }
                seen.add(line + (durable ? " on disk" : " NOT on disk"));
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(lines("a.jsonl")).containsExactly("a1", "a2");
        assertThat(lines("b.jsonl")).containsExactly("b1");
        assertThat(seen).containsExactlyInAnyOrder("a1 on disk", "b1 on disk", "a2 on disk");
        assertThat(seen.indexOf("a1 on disk")).isLessThan(seen.indexOf("a2 on disk"));
    }

    @Test
    void whatIsQueuedWhileADiskForceRunsGoesOutAsOneBatchWithOneForcePerFile() throws Exception {
        holdFirst = true;
        CheckpointWriter writer = started();
        CompletableFuture<Void> first = writer.append(dir.resolve("a.jsonl"), text("a0"), () -> { });
        assertThat(firstForce.await(10, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            batch.add(writer.append(dir.resolve("a.jsonl"), text("a" + i), () -> { }));
            batch.add(writer.append(dir.resolve("b.jsonl"), text("b" + i), () -> { }));
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(forces).containsExactly("a.jsonl", "a.jsonl", "b.jsonl");
        assertThat(lines("a.jsonl")).containsExactly("a0", "a1", "a2", "a3");
        assertThat(lines("b.jsonl")).containsExactly("b1", "b2", "b3");
    }

    @Test
    void aReplacedFileIsInPlaceBeforeALineQueuedAfterItIsForced() throws Exception {
        CheckpointWriter writer = new CheckpointWriter((file, channel) -> forces.add(file.getFileName() + " with "
                + Files.readString(dir.resolve("task/task.json")))).start();
        this.writer = writer;

        CompletableFuture<Void> replaced = writer.replace(dir.resolve("task/task.json"), text("{\"task\":1}"));
        writer.append(dir.resolve("task/updates.jsonl"), text("u1"), () -> { }).get(10, TimeUnit.SECONDS);

        assertThat(replaced).isCompleted();
        assertThat(forces).containsExactly("updates.jsonl with {\"task\":1}");
        assertThat(dir.resolve("task")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aLineThatCannotBeWrittenFailsWithTheLaterLinesOfItsFileAndRunsNoAction() throws Exception {
        holdFirst = true;
        CheckpointWriter writer = started();
        CompletableFuture<Void> holder = writer.append(dir.resolve("a.jsonl"), text("a0"), () -> { });
        assertThat(firstForce.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> acted = new CopyOnWriteArrayList<>();
        Path missing = dir.resolve("no-such-dir/updates.jsonl");
        CompletableFuture<Void> bad1 = writer.append(missing, text("x1"), () -> acted.add("x1"));
        CompletableFuture<Void> bad2 = writer.append(missing, text("x2"), () -> acted.add("x2"));
        CompletableFuture<Void> good = writer.append(dir.resolve("b.jsonl"), text("b1"), () -> acted.add("b1"));
        release.countDown();

        holder.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(bad1::join).isInstanceOf(CompletionException.class);
        assertThatThrownBy(bad2::join).isInstanceOf(CompletionException.class);
        assertThat(acted).containsExactly("b1");
    }

    @Test
    void closingWritesWhatIsQueuedAndLaterWritesHappenOnTheCallersThread() throws Exception {
        CheckpointWriter writer = started();
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(writer.append(dir.resolve("a.jsonl"), text("a" + i), () -> { }));
        }
        writer.close();
        assertThat(queued).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());

        CompletableFuture<Void> late = writer.append(dir.resolve("a.jsonl"), text("late"), () -> { });
        assertThat(late).isCompleted();
        assertThat(lines("a.jsonl")).hasSize(21).endsWith("late");
    }

    @Test
    void anInlineWriterWritesAndForcesEachLineAtOnce() throws Exception {
        CheckpointWriter inline = CheckpointWriter.inline();
        List<String> acted = new ArrayList<>();
        CompletableFuture<Void> done = inline.append(dir.resolve("a.jsonl"), text("a1"), () -> acted.add("a1"));

        assertThat(done).isCompleted();
        assertThat(acted).containsExactly("a1");
        assertThat(lines("a.jsonl")).containsExactly("a1");
    }
}
