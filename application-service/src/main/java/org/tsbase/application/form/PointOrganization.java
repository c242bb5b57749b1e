package org.tsbase.application.form;

import java.math.BigDecimal;

/**
 * The enterprise or institute of 附件2.
 *
 * @param name                企业名称
 * @param legalRepresentative 法定代表人
 * @param address             经营地址
 * @param postalCode          邮政编码
 * @param enterpriseType      企业类型
 * @param industry            所属行业
 * @param annualOutputWanYuan 年产值, in 万元
 * @param employeeCount       员工数量
 * @param parkCreditCode      the park it sits in, if any (lets reviewers cross-check a zone's claims)
 */
public record PointOrganization(
        String creditCode,
        String name,
        String legalRepresentative,
        String address,
        String postalCode,
        String enterpriseType,
        String industry,
        BigDecimal annualOutputWanYuan,
        Integer employeeCount,
        String parkCreditCode) implements Organization {
}
