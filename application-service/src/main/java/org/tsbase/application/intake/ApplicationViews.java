package org.tsbase.application.intake;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.tsbase.application.call.CallService;
import org.tsbase.support.security.Caller;

/** Makes {@link ApplicationView}s with what they depend on besides the application: its call and the time. */
@Component
public class ApplicationViews {

    private final CallService calls;
    private final Clock clock;

    ApplicationViews(CallService calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    public ApplicationView of(Application a, Caller caller) {
        return ApplicationView.of(a, caller, calls.find(a.callId()).orElse(null), clock.instant());
    }
}
