package org.tsbase.support.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * When the local stack's launcher dies without stopping its children (kill -9), a service started with
 * {@code --tsbase.parent-pid} notices and exits instead of lingering.
 */
public class ParentProcessWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatcher.class);

    private final long parentPid;
    private final ConfigurableApplicationContext context;
    private volatile boolean running;

    public ParentProcessWatcher(long parentPid, ConfigurableApplicationContext context) {
        this.parentPid = parentPid;
        this.context = context;
    }

    @Override
    public void start() {
        running = true;
        ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(this::parentGone),
                this::parentGone);
    }

    private void parentGone() {
        if (running) {
            log.warn("launcher process {} is gone: shutting down", parentPid);
            Thread t = new Thread(() -> System.exit(SpringApplication.exit(context, () -> 0)), "parent-gone");
            t.start();
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
