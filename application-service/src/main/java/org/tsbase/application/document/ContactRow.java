package org.tsbase.application.document;

/** One line of 工作联络人信息表 (附件6) as printed: phones already masked where the reader may not see them. */
record ContactRow(String name, String department, String title, String officePhone, String mobilePhone,
        String email, String remarks) {
}
