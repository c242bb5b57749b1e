package org.tsbase.application.form;

import java.math.BigDecimal;

/**
 * The park of 附件3.
 *
 * @param name              园区名称
 * @param head              负责人
 * @param address           经营地址
 * @param postalCode        邮政编码
 * @param parkType          园区类型
 * @param enterprisesInPark 入园企业数: the whole every ratio of the zone rubric is taken of
 * @param parkOutputWanYuan 园区产值, in 万元
 */
public record ZoneOrganization(
        String creditCode,
        String name,
        String head,
        String address,
        String postalCode,
        String parkType,
        Integer enterprisesInPark,
        BigDecimal parkOutputWanYuan) implements Organization {
}
