package org.tsbase.support.security;

public enum Role {
    APPLICANT, DISTRICT_REVIEWER, CITY_REVIEWER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
