/**
 * Stable error ids shared by server and client. The server answers
 * `{ error: { code, message, fields? } }`; clients may switch on `code` and
 * show `message` (Simplified Chinese) as is.
 */
export const ERRORS = {
  validation_failed: { status: 400, message: '提交的信息有误，请检查后重试' },
  invalid_json: { status: 400, message: '请求内容不是有效的 JSON' },
  payload_too_large: { status: 413, message: '提交的内容过大' },
  unauthenticated: { status: 401, message: '请先登录' },
  token_invalid: { status: 401, message: '登录已失效，请重新登录' },
  forbidden: { status: 403, message: '没有权限进行此操作' },
  not_found: { status: 404, message: '请求的内容不存在' },
  route_not_found: { status: 404, message: '接口不存在' },
  method_not_allowed: { status: 405, message: '不支持该请求方式' },
  conflict: { status: 409, message: '操作冲突，请刷新后重试' },
  rate_limited: { status: 429, message: '操作过于频繁，请稍后再试' },
  wechat_code_invalid: { status: 400, message: '微信登录凭证无效或已过期，请重新登录' },
  wechat_unavailable: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  login_failed: { status: 401, message: '用户名或密码错误' },
  account_locked: { status: 423, message: '登录失败次数过多，账号已暂时锁定，请稍后再试' },
  account_disabled: { status: 403, message: '账号已停用' },
  username_taken: { status: 409, message: '用户名已被使用' },
  consent_required: { status: 403, message: '请先阅读并同意隐私政策' },
  consent_version_mismatch: { status: 409, message: '隐私政策已更新，请重新阅读并同意' },
  id_number_taken: { status: 409, message: '该身份证号已被其他账号实名认证' },
  already_verified: { status: 409, message: '您已完成实名认证' },
  real_name_required: { status: 403, message: '请先完成实名认证' },
  phone_code_invalid: { status: 400, message: '手机号授权凭证无效或已过期' },
  content_risky: { status: 422, message: '内容包含违规信息，请修改后重试' },
  content_under_review: { status: 202, message: '内容已提交，正在审核中' },
  subscribe_consent_missing: { status: 409, message: '用户未授权订阅消息' },
  // volunteering (V1)
  volunteer_required: { status: 403, message: '请先注册成为志愿者' },
  already_volunteer: { status: 409, message: '您已经是注册志愿者' },
  team_not_certified: { status: 409, message: '团队尚未通过认证' },
  team_already_reviewed: { status: 409, message: '该团队申请已处理' },
  already_member: { status: 409, message: '您已是该团队成员或申请正在审核中' },
  last_team_admin: { status: 409, message: '团队至少需要保留一名管理员' },
  activity_not_open: { status: 409, message: '活动已取消或已结束' },
  signup_closed: { status: 409, message: '报名已截止' },
  shift_overlap: { status: 409, message: '与您已报名的其他班次时间冲突' },
  already_signed_up: { status: 409, message: '您已报名该班次' },
  cancel_closed: { status: 409, message: '班次已开始，无法取消报名' },
  offer_expired: { status: 409, message: '候补名额保留时间已过' },
  signup_state_invalid: { status: 409, message: '报名状态已变化，请刷新后重试' },
  capacity_below_taken: { status: 409, message: '名额不能少于已占用的名额' },
  appeal_exists: { status: 409, message: '该记录已提交过申诉' },
  // volunteering (V2)
  checkin_token_invalid: { status: 400, message: '签到码无效，请扫描现场组织者出示的二维码' },
  checkin_token_expired: { status: 400, message: '签到码已过期，请重新扫描现场二维码' },
  checkin_token_other_activity: { status: 400, message: '该签到码不属于本活动' },
  checkin_not_signed_up: { status: 403, message: '您没有该班次的有效报名' },
  checkin_closed: { status: 409, message: '当前不在签到时间内' },
  outside_checkin_radius: { status: 422, message: '您不在活动签到范围内' },
  already_checked_in: { status: 409, message: '您已签到，请勿重复签到' },
  not_checked_in: { status: 409, message: '您尚未签到' },
  already_checked_out: { status: 409, message: '您已签退' },
  checkout_before_start: { status: 409, message: '班次尚未开始，不能签退' },
  checkout_undo_closed: { status: 409, message: '签退超过 10 分钟或时长已确认，不能撤销' },
  self_report_not_allowed: { status: 409, message: '该活动需现场签到，不能自行申报时长' },
  hours_already_reported: { status: 409, message: '您已申报过该活动的服务时长' },
  hours_not_confirmed: { status: 409, message: '只能调整已确认的服务时长' },
  hours_negative_total: { status: 409, message: '调整后的服务时长不能为负数' },
  certificate_no_hours: { status: 409, message: '您暂无已确认的服务时长，无法出具证明' },
  certificate_not_found: { status: 404, message: '未找到该编号的证明，请核对编号' },
  certificate_revoked: { status: 410, message: '该证明已撤销（持有人已注销账号）' },
  image_type_unsupported: { status: 415, message: '仅支持 JPG、PNG、WebP 格式的图片' },
  image_invalid: { status: 400, message: '图片文件已损坏或格式不正确' },
  image_too_large: { status: 413, message: '图片不能超过 5MB' },
  image_too_many_pixels: { status: 422, message: '图片尺寸过大，请缩小后再上传' },
  attachment_type_unsupported: { status: 415, message: '仅支持 PDF 格式的文件' },
  attachment_too_large: { status: 413, message: '文件过大' },
  idempotency_conflict: { status: 409, message: '该请求标识已用于其他内容，请勿重复使用' },
  idempotency_in_progress: { status: 409, message: '相同的请求正在处理，请稍后查看结果' },
  not_participant: { status: 403, message: '只有参加该活动的志愿者可以上传照片' },
  help_request_state_invalid: { status: 409, message: '求助状态已变化，请刷新后重试' },
  db_unavailable: { status: 503, message: '数据库暂时不可用' },
  internal: { status: 500, message: '服务器开小差了，请稍后再试' },
  // community (issue 14)
  import_rows_invalid: { status: 422, message: '导入文件中有错误的行，未导入任何数据' },
  notice_state_invalid: { status: 409, message: '公告状态已变化，请刷新后重试' },
  // reports (issue 12)
  report_outside_district: { status: 422, message: '该位置不在本区范围内，请确认位置' },
  report_category_unknown: { status: 400, message: '问题类别不存在或已停用' },
  report_state_invalid: { status: 409, message: '工单状态已变化，请刷新后重试' },
  report_photo_invalid: { status: 400, message: '照片无效、已被使用或不属于您' },
  grid_polygon_invalid: { status: 400, message: '网格边界无效' },
  report_code_taken: { status: 409, message: '编码已被使用' },
  report_setup_in_use: { status: 409, message: '仍在使用中，不能删除' },
  // donations (issue 13)
  charity_uscc_taken: { status: 409, message: '该统一社会信用代码的机构已登记' },
  charity_project_not_open: { status: 409, message: '该项目当前不在募捐期内' },
  charity_project_state_invalid: { status: 409, message: '项目状态已变化，请刷新后重试' },
  donation_openid_required: { status: 409, message: '请在微信小程序内完成捐赠，或选择扫码支付' },
  donation_key_reused: { status: 409, message: '该请求标识已用于另一笔捐赠' },
  donation_not_paid: { status: 409, message: '该捐赠尚未支付，不能退款' },
  donation_refund_exceeds_paid: { status: 409, message: '退款金额超过可退金额' },
  donation_refund_rejected: { status: 409, message: '微信支付拒绝了该退款' },
  disbursement_exceeds_balance: { status: 409, message: '拨付金额超过项目余额' },
  receipt_not_found: { status: 404, message: '未找到该编号的捐赠确认，请核对编号' },
  wechat_pay_unavailable: { status: 502, message: '微信支付暂时不可用，请稍后再试' },
  payment_anomaly_handled: { status: 409, message: '该支付异常已由其他管理员处理' },
  merchant_key_mismatch: { status: 400, message: '商户私钥与证书序列号或证书公钥不匹配' },
} as const;

export type TErrorCode = keyof typeof ERRORS;

/**
 * Ids the client makes up itself when no server answer carries one (no response, an
 * unreadable file, a failed download). Kept here so that every id a page can switch on
 * is listed in one place; `shared/errors.test.ts` fails when client code uses any other.
 */
export const CLIENT_ERRORS = {
  network_error: '网络不给力，请检查网络后重试',
  unavailable: '服务暂时不可用，请稍后再试',
  http_error: '请求失败',
  file_unreadable: '无法读取所选文件，请重新选择',
  choose_failed: '未能选择文件，请重试',
  upload_failed: '上传失败，请重试',
  download_failed: '下载失败，请稍后再试',
  wechat_login_failed: '微信登录失败，请稍后重试',
} as const;

export type TClientErrorCode = keyof typeof CLIENT_ERRORS;
/** Any id an ApiError can carry on the client: the server's or the client's own. */
export type TAnyErrorCode = TErrorCode | TClientErrorCode;

export function isKnownErrorCode(code: string): code is TAnyErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, code) || Object.prototype.hasOwnProperty.call(CLIENT_ERRORS, code);
}

export interface TFieldError {
  path: string;
  message: string;
}

export interface TErrorBody {
  error: { code: TErrorCode | string; message: string; fields?: TFieldError[] };
}
