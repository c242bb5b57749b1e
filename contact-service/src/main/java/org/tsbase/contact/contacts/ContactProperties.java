package org.tsbase.contact.contacts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param maxPerOrganization how many contacts one organisation may register */
@Validated
@ConfigurationProperties("tsbase.contacts")
record ContactProperties(@DefaultValue("20") @Min(1) @Max(200) int maxPerOrganization) {
}
