package org.tsbase.events;

/**
 * What scoring needs to know of the applying organisation. No personal data: no contact, no phone number.
 *
 * @param parkCreditCode    POINT only: the park the enterprise sits in, if any
 * @param enterprisesInPark ZONE only: the whole that the zone's ratios are taken of
 */
public record OrganizationFacts(
        String creditCode,
        String name,
        String parkCreditCode,
        Integer employeeCount,
        Integer enterprisesInPark) {
}
