/**
 * What `/` answers while the first H5 build of a fresh clone runs (a minute or two): a small
 * page that says the portal is being built and reloads itself, as 503 with Retry-After, instead
 * of a bare 404. Never cached, so the real portal shows as soon as it exists.
 */
export const PORTAL_RETRY_SECONDS = 10;

export const PORTAL_BUILDING_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${PORTAL_RETRY_SECONDS}">
<title>邻里 · 门户正在构建</title>
<style>body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center;background:#f6f7f9;color:#333}main{text-align:center;padding:24px}p{color:#666;line-height:1.6}</style>
</head>
<body>
<main id="portal-building">
<h1>门户正在构建</h1>
<p>首次启动需要构建网页门户，大约一到两分钟。<br>本页每 ${PORTAL_RETRY_SECONDS} 秒自动刷新，完成后会直接打开。</p>
<p>接口已可使用：<a href="/api/docs">/api/docs</a></p>
</main>
</body>
</html>
`;
