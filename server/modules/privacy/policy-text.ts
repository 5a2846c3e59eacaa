/**
 * The privacy policy residents agree to. Bump `version` whenever the text
 * changes in substance: everyone is asked to agree again at their next visit.
 */
export const PRIVACY_POLICY = {
  version: '2026-11-01',
  title: '邻里隐私政策',
  body: [
    '邻里由区人民政府委托运营，用于志愿服务、法律咨询、社区问题上报和公益捐赠。我们依照《中华人民共和国个人信息保护法》处理您的个人信息。',
    '我们收集：微信标识（openid）、您主动提供的手机号、实名认证所需的姓名和身份证号、参加活动时的签到位置、您提交的照片和文字。',
    '用途：身份核验（一人一号）、志愿服务时长记录与证明、活动提醒、法律咨询预约、问题处置与反馈、捐赠记录。',
    '保护：身份证号加密存储，在任何页面和接口中均以掩码显示；工作人员查看您的个人信息会被记录并可审计。',
    '您的权利：您可以随时在“我的”页面导出全部个人数据，或注销账号。注销后个人信息将被删除或匿名化，他人依赖的记录（如已确认的服务时长）以匿名方式保留。',
    '订阅消息仅在您授权后发送，每次授权只发送一条。',
    '如有疑问，请联系区志愿服务中心。',
  ].join('\n'),
} as const;

export const currentPolicyVersion = (): string => PRIVACY_POLICY.version;
