package org.tsbase.application.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled seed a demo call that is open now and demo applications of both types in several states, and
 *                walk them through the reviewers' steps once scoring has scored them (the local stack sets it)
 */
@ConfigurationProperties("tsbase.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled) {
}
