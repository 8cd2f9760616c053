/**
 * The Chinese sentence for every error code the API returns and every failure a file can meet,
 * sent beside the stable `error` code and the English `message` (which scripts keep reading), so
 * the page never shows an English reason inside a Chinese sentence.
 * @module
 */

/** Failures of a file, by the pipeline's code (`wenshi status` shows the same codes). */
const FILE_FAILURES: Record<string, string> = {
  EMPTY_FILE: '文件是空的，没有任何内容',
  TOO_LARGE: '文件超过了大小或内存限制',
  UNSUPPORTED_FORMAT: '不支持这种文件格式（或读取它的程序未安装）',
  CORRUPT_FILE: '文件已损坏或不完整，无法打开',
  ENCRYPTED: '文件设有密码（已加密），无法读取',
  NO_TEXT: '文件中没有可读取的文字（扫描件未能识别出文字）',
  BAD_ENCODING: '无法识别文件的文字编码',
  NOT_FOUND: '找不到这个文件',
  UNREADABLE: '没有读取这个文件的权限',
  INTERNAL: '处理时程序出错（不是文件的问题）',
  TRANSIENT: '暂时性故障，可以重试',
  REFUSED: '上传被拒收（文件类型或大小不符合要求）',
};

/** Errors of a request, by the API's `error` code. */
const REQUEST_ERRORS: Record<string, string> = {
  bad_request: '请求的参数有误',
  no_files: '上传中没有文件',
  not_found: '找不到所请求的内容',
  no_original: '找不到这篇文档的原始文件',
  not_multipart: '请以表单（multipart/form-data）上传文件',
  too_many_files: '一次上传的文件太多',
  too_large: '文件超过了大小限制',
  refused: '文件类型不被接受',
  unauthorized: '需要写入令牌（WENSHI_TOKEN）',
  forbidden_origin: '只接受本站页面发出的写入请求',
  bad_host: '请求的主机名不属于本服务器',
  too_many_requests: '检索过于频繁，请稍候再试',
  internal: '服务器处理这个请求时出错，详情见服务器日志',
};

/** The Chinese sentence for a file's failure code. */
export function failureZh(code: string | null): string {
  return (code && FILE_FAILURES[code]) || '处理失败';
}

/** The Chinese sentence for an API error code (a file failure's code in lower case included). */
export function errorZh(code: string): string {
  return REQUEST_ERRORS[code] ?? FILE_FAILURES[code.toUpperCase()] ?? '请求未能完成';
}
