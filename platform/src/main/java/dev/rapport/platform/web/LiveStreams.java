package dev.rapport.platform.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every open Server-Sent Events stream of this node, ended when the application begins to stop. The web server's
 * graceful shutdown, which stops later, waits for open requests to finish, and a live stream never does: one
 * subscriber used to hold the shutdown for its whole timeout (30 s), long enough for a test JVM to be killed with
 * the embedded PostgreSQL servers of its other contexts still running. A client sees its stream end and reconnects
 * to another node.
 */
public class LiveStreams implements SmartLifecycle {

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** Tracks the stream until it completes, times out or fails; returns it. */
    public SseEmitter track(SseEmitter stream) {
        open.add(stream);
        stream.onCompletion(() -> open.remove(stream));
        stream.onTimeout(() -> open.remove(stream));
        stream.onError(failure -> open.remove(stream));
        return stream;
    }

    /** The streams open now. */
    public int open() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown ({@code SmartLifecycle.DEFAULT_PHASE - 1024}): highest phase first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
