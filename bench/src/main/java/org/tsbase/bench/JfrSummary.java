package org.tsbase.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording, read with the JDK's own {@code jdk.jfr.consumer} API: the share of
 * {@code jdk.ExecutionSample} events whose top frame is each method (what {@code jfr view hot-methods} shows on newer
 * JDKs).
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static List<String> hotMethods(Path recording, int limit) {
        Map<String, Integer> top = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame frame = event.getStackTrace().getFrames().get(0);
                RecordedMethod m = frame.getMethod();
                top.merge(m.getType().getName() + "." + m.getName(), 1, Integer::sum);
                samples++;
            }
        } catch (IOException e) {
            return List.of("unreadable: " + e.getMessage());
        }
        int total = samples;
        return top.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .map(e -> String.format(Locale.ROOT, "%5.1f%% %s", 100.0 * e.getValue() / total, e.getKey()))
                .toList();
    }
}
