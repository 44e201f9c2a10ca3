package org.phigate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoShutdownTest {
  @Test
  void shouldWakeAServingDemoAndHoldTheJvmUntilItsStoppingPathIsDone() throws Exception {
    CountDownLatch serving = new CountDownLatch(1);
    CountDownLatch rolesClosed = new CountDownLatch(1);
    CountDownLatch closingRoles = new CountDownLatch(1);
    AtomicBoolean sealed = new AtomicBoolean();
    CompletableFuture<DemoShutdown> demo = new CompletableFuture<>();
    Thread demoThread = new Thread(() -> {
      DemoShutdown shutdown = new DemoShutdown(Thread.currentThread(), Duration.ofSeconds(30));
      demo.complete(shutdown);
      try (shutdown) {
        serving.countDown();
        shutdown.awaitSignal();
        shutdown.stopping();
        closingRoles.countDown();
        rolesClosed.await(30, TimeUnit.SECONDS); // stands for closing the roles, released by the test
        sealed.set(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    demoThread.start();
    serving.await(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> demoThread.getState() == Thread.State.WAITING);
    CompletableFuture<Void> hook = CompletableFuture.runAsync(() -> demo.join().signal());
    assertThat(closingRoles.await(10, TimeUnit.SECONDS)).isTrue();
    // the hook must stay blocked while the roles are closing
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !hook.isDone());
    rolesClosed.countDown();
    hook.get(10, TimeUnit.SECONDS);
    assertThat(sealed).as("the hook returned only after the stopping path").isTrue();
    assertThat(demo.get().signalled()).isTrue();
    demoThread.join(10_000);
  }

  @Test
  void shouldInterruptADemoMidRunAndNotAfterItStartedStopping() throws Exception {
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    CompletableFuture<DemoShutdown> demo = new CompletableFuture<>();
    Thread demoThread = new Thread(() -> {
      DemoShutdown shutdown = new DemoShutdown(Thread.currentThread(), Duration.ofSeconds(30));
      demo.complete(shutdown);
      try (shutdown) {
        new CountDownLatch(1).await(30, TimeUnit.SECONDS); // stands for waiting on a stage
        interrupted.complete(false);
      } catch (InterruptedException e) {
        shutdown.stopping();
        interrupted.complete(!Thread.currentThread().isInterrupted());
      }
    });
    demoThread.start();
    CompletableFuture.runAsync(() -> demo.join().signal());
    assertThat(interrupted.get(10, TimeUnit.SECONDS)).as("interrupted, then the flag cleared to stop").isTrue();
    demoThread.join(10_000);
  }

  @Test
  void shouldRemoveTheWorkingDirectoryWithEverythingInIt(@TempDir Path tmp) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("phigate-demo-1/kafka/phigate.intake.raw-0"));
    Files.writeString(work.resolve("00000000000000000000.log"), "MSH|...|PID|||Quixtrot");
    Files.writeString(tmp.resolve("phigate-demo-1/audit-signing.key"), "secret");
    assertThat(WorkDirectory.delete(tmp.resolve("phigate-demo-1"))).isZero();
    assertThat(tmp.resolve("phigate-demo-1")).doesNotExist();
    await().atMost(Duration.ofSeconds(1)).until(() -> !Files.exists(work));
  }
}
