package org.tsbase.application.form;

/** The applying organisation as its form describes it. */
public sealed interface Organization permits PointOrganization, ZoneOrganization {

    /** 统一社会信用代码 (GB 32100-2015). */
    String creditCode();

    String name();

    String address();

    String postalCode();
}
