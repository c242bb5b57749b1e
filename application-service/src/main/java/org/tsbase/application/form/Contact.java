package org.tsbase.application.form;

/**
 * 联系人 of the form. {@code email} is optional and not on the paper form; phone and e-mail are personal data:
 * masked for readers who do not act for the organisation and never put into events.
 *
 * @param title 职务/职称
 * @param phone a mainland mobile number or a landline with or without area code
 */
public record Contact(String name, String title, String phone, String email) {
}
