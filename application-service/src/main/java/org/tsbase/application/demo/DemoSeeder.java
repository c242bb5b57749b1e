package org.tsbase.application.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Seeds the demo data at start when {@code tsbase.demo.enabled=true}. */
@Component
@ConditionalOnProperty(name = "tsbase.demo.enabled", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

    private final DemoData demo;

    DemoSeeder(DemoData demo) {
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        demo.seed();
    }
}
