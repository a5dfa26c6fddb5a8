<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Article</name>
    <message>
        <source>seen in 1 dump</source>
        <translation>见于 1 个存档文件</translation>
    </message>
    <message>
        <source>seen in {n} dumps</source>
        <translation>见于 {n} 个存档文件</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>已加星标</translation>
    </message>
    <message>
        <source>Keywords:</source>
        <translation>关键词：</translation>
    </message>
    <message>
        <source>No headline was captured for this story; the title is its first sentence.</source>
        <translation>未采集到这条新闻的标题，标题取自正文第一句。</translation>
    </message>
    <message>
        <source>Only the headline and summary of this story were captured, not its text.</source>
        <translation>这条新闻只采集到了标题和摘要，没有正文。</translation>
    </message>
    <message>
        <source>Only the headline of this story was captured, not its text.</source>
        <translation>这条新闻只采集到了标题，没有正文。</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <source>Source: “{title}”, {date}, from {sources}</source>
        <translation>出处：《{title}》，{date}，来自 {sources}</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Choose a story in the list to read it here.</source>
        <translation>在左侧列表中选择一条新闻，在这里阅读。</translation>
    </message>
    <message>
        <source>Paragraphs {first}–{last}; the rest of this very long story is still being read…</source>
        <translation>第 {first}–{last} 段；这篇很长的新闻其余部分仍在读取…</translation>
    </message>
    <message>
        <source>Paragraphs {first}–{last} of {total}</source>
        <translation>第 {first}–{last} 段，共 {total} 段</translation>
    </message>
    <message>
        <source>‹ Previous page</source>
        <translation>‹ 上一页</translation>
    </message>
    <message>
        <source>Next page ›</source>
        <translation>下一页 ›</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Choose in a calendar</source>
        <translation>在日历中选择</translation>
    </message>
    <message>
        <source>Not a date: type it as 2023-08-10</source>
        <translation>不是日期：请按 2023-08-10 的格式输入</translation>
    </message>
</context>
<context>
    <name>DateRange</name>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Any Date</source>
        <translation>不限日期</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>Undated</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <source>Imported {when} · {name}</source>
        <translation>{when} 导入 · {name}</translation>
    </message>
</context>
<context>
    <name>EmptyNote</name>
    <message>
        <source>Show All Stories</source>
        <translation>显示全部新闻</translation>
    </message>
    <message>
        <source>Try fewer words, or shorter ones.</source>
        <translation>试试减少关键词，或用更短的词。</translation>
    </message>
    <message>
        <source>Simplified and Traditional characters already find each other: there is no need to search for both.</source>
        <translation>简体字和繁体字已经互相匹配，不必两种都搜索。</translation>
    </message>
    <message>
        <source>The filter above hides some stories: show all of them and search again.</source>
        <translation>上方的筛选隐藏了部分新闻：显示全部后再搜索。</translation>
    </message>
    <message>
        <source>No story matches “{query}”.</source>
        <translation>没有与“{query}”匹配的新闻。</translation>
    </message>
    <message>
        <source>No story is listed: the filter hides every one.</source>
        <translation>没有列出任何新闻：筛选把它们全部隐藏了。</translation>
    </message>
    <message>
        <source>Choose All and Any Date to see the whole library again.</source>
        <translation>选择“全部”和“任意日期”即可重新看到整个资料库。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot open the library</source>
        <translation>无法打开资料库</translation>
    </message>
    <message>
        <source>The library cannot be used.</source>
        <translation>资料库无法使用。</translation>
    </message>
    <message>
        <source>Cannot open the link</source>
        <translation>无法打开链接</translation>
    </message>
    <message>
        <source>No web browser opened this address:
{address}</source>
        <translation>没有网页浏览器打开这个网址：
{address}</translation>
    </message>
    <message>
        <source>Copy the address and open it in a browser yourself.</source>
        <translation>请复制网址，自行在浏览器中打开。</translation>
    </message>
    <message>
        <source>Copy Address</source>
        <translation>复制网址</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>newsreader ran into an unexpected problem and may not work as it should.</source>
        <translation>newsreader 遇到了意外问题，可能无法正常工作。</translation>
    </message>
    <message>
        <source>{summary}

The details were written to {log}. Please send that file with a description of what you were doing.</source>
        <translation>{summary}

详细信息已写入 {log}。请把该文件连同您当时的操作说明一起发给我们。</translation>
    </message>
</context>
<context>
    <name>FollowingController</name>
    <message>
        <source>Followed Folders…</source>
        <translation>关注的文件夹…</translation>
    </message>
    <message>
        <source>{folder}: {n} new stories</source>
        <translation>{folder}：新增 {n} 条新闻</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Shared folder temporarily unreachable: {path} (last synced {when})</source>
        <translation>共享文件夹暂时无法访问：{path}（上次同步 {when}）</translation>
    </message>
    <message>
        <source>{n} shared folders temporarily unreachable</source>
        <translation>{n} 个共享文件夹暂时无法访问</translation>
    </message>
</context>
<context>
    <name>FollowingDialog</name>
    <message>
        <source>Followed Folders</source>
        <translation>关注的文件夹</translation>
    </message>
    <message>
        <source>New dumps saved in these folders (a network share, or a folder Syncthing keeps in step) are imported by themselves. A file is imported once it has stopped changing.</source>
        <translation>保存到这些文件夹（网络共享，或由 Syncthing 同步的文件夹）中的新页面会自动导入。文件停止变化后才会导入。</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Sync Now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Look for new files every</source>
        <translation>检查新文件的间隔</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>{files} files; last synced {when}</source>
        <translation>{files} 个文件；上次同步 {when}</translation>
    </message>
    <message>
        <source>temporarily unreachable; last synced {when}</source>
        <translation>暂时无法访问；上次同步 {when}</translation>
    </message>
    <message>
        <source>Follow a Folder</source>
        <translation>关注文件夹</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Imported {done} of {total}: {name}</source>
        <translation>已导入 {done}/{total}：{name}</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import History</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Forget Import…</source>
        <translation>忘记这次导入…</translation>
    </message>
    <message>
        <source>Forget Import</source>
        <translation>忘记导入</translation>
    </message>
    <message>
        <source>Forget the import of {path}? {removed} stories only it brought will be removed; {changed} stories also seen in other dumps keep those. Importing the file again brings it back.</source>
        <translation>忘记 {path} 的导入？只由它带来的 {removed} 条新闻将被删除；另有 {changed} 条新闻也出现在其他文件中，会保留那些来源。再次导入该文件即可恢复。</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>忘记</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import Report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>Stories added: {added}, updated: {updated}.</source>
        <translation>新增新闻：{added} 条，更新：{updated} 条。</translation>
    </message>
    <message>
        <source>Files imported: {imported}, already imported: {unchanged}, rejected: {rejected}.</source>
        <translation>导入文件：{imported} 个，此前已导入：{unchanged} 个，拒绝：{rejected} 个。</translation>
    </message>
    <message>
        <source>Cancelled: the files listed were imported; the file being read when you cancelled was left out entirely.</source>
        <translation>已取消：列出的文件已导入；取消时正在读取的文件完全没有导入。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>此前已导入</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>{n} files already imported</source>
        <translation>{n} 个文件之前已导入</translation>
    </message>
</context>
<context>
    <name>LibraryErrorPage</name>
    <message>
        <source>Open Another Library…</source>
        <translation>打开其他资料库…</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open Library</source>
        <extracomment>Start-up opens the library after the window&apos;s first paint, or after this long.</extracomment>
        <translation>打开资料库</translation>
    </message>
    <message>
        <source>newsreader libraries (*.sqlite3 *.db);;All files (*)</source>
        <translation>newsreader 资料库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Library problem</source>
        <translation>资料库问题</translation>
    </message>
    <message>
        <source>The list was refreshed: another program changed the library.</source>
        <translation>列表已刷新：另一个程序更改了资料库。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <source>empty file (only whitespace)</source>
        <translation>空文件（只有空白）</translation>
    </message>
    <message>
        <source>file too large: {size} bytes (the limit is {limit} bytes, 64 MiB)</source>
        <translation>文件太大：{size} 字节（上限为 {limit} 字节，即 64 MiB）</translation>
    </message>
    <message>
        <source>file is larger than 64 MiB ({size} bytes); not a page dump</source>
        <translation>文件超过 64 MiB（{size} 字节），不是网页存档</translation>
    </message>
    <message>
        <source>not a dump format this version reads</source>
        <translation>不是这个版本能读取的存档格式</translation>
    </message>
    <message>
        <source>not a text file (looks like binary data)</source>
        <translation>不是文本文件（看起来是二进制数据）</translation>
    </message>
    <message>
        <source>not a text file (contains NUL bytes)</source>
        <translation>不是文本文件（含有 NUL 字节）</translation>
    </message>
    <message>
        <source>not a text file (mostly control or unprintable characters)</source>
        <translation>不是文本文件（大多是控制字符或不可打印的字符）</translation>
    </message>
    <message>
        <source>unsupported encoding: looks like {name} without a byte-order mark</source>
        <translation>不支持的编码：看起来是没有字节顺序标记（BOM）的 {name}</translation>
    </message>
    <message>
        <source>unsupported encoding: not UTF-8, UTF-16 with a byte-order mark or GB18030 (it looks like {name})</source>
        <translation>不支持的编码：不是 UTF-8、带字节顺序标记的 UTF-16 或 GB18030（看起来是 {name}）</translation>
    </message>
    <message>
        <source>cannot read the file: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>cannot read the folder: {reason}</source>
        <translation>无法读取文件夹：{reason}</translation>
    </message>
    <message>
        <source>the folder holds no dumps (*.txt files)</source>
        <translation>文件夹里没有存档（*.txt 文件）</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>already imported on {when}</source>
        <translation>已于 {when} 导入</translation>
    </message>
    <message>
        <source>interrupted before it was saved; import it again to finish</source>
        <translation>保存之前被中断；再导入一次即可完成</translation>
    </message>
    <message>
        <source>not saved: the import stopped; import it again to finish</source>
        <translation>未保存：导入已停止；再导入一次即可完成</translation>
    </message>
    <message>
        <source>{n} orphan timestamps (timestamp lines with no headline) were skipped</source>
        <translation>有 {n} 行只有发布时间、找不到所属的标题，已略过（不影响任何新闻）</translation>
    </message>
    <message>
        <source>{n} lines between the keywords and the headline list were skipped</source>
        <translation>跳过了关键词与标题列表之间的 {n} 行</translation>
    </message>
    <message>
        <source>cannot decode the page: its bytes are not UTF-8, GB18030 or the charset it declares ({declared})</source>
        <translation>无法解码网页：其字节既不是 UTF-8、GB18030，也不是它声明的字符集（{declared}）</translation>
    </message>
    <message>
        <source>no story found: the file holds {n} letters or digits of text (a story needs at least {least})</source>
        <translation>没有找到新闻：文件里只有 {n} 个文字或数字（一条新闻至少需要 {least} 个）</translation>
    </message>
    <message>
        <source>cannot decode the page: it starts with a {name} byte-order mark but is not valid {name}</source>
        <translation>无法解码网页：它以 {name} 字节顺序标记开头，但不是有效的 {name}</translation>
    </message>
    <message>
        <source>not a readable page: its elements nest deeper than {limit} levels and no article was found above that depth</source>
        <translation>无法读取网页：元素嵌套超过 {limit} 层，且在此深度以上没有找到文章</translation>
    </message>
    <message>
        <source>not a readable page: it has {n} tags (the limit is {limit}); not a saved article page</source>
        <translation>无法读取网页：它有 {n} 个标签（上限为 {limit} 个），不是保存的文章网页</translation>
    </message>
    <message>
        <source>no article found in the page (no headline and body of real sentences)</source>
        <translation>网页中没有找到文章（没有标题和由完整句子组成的正文）</translation>
    </message>
    <message>
        <source>no article found in the page (no body of real sentences)</source>
        <translation>网页中没有找到文章（没有由完整句子组成的正文）</translation>
    </message>
    <message>
        <source>the page nests deeper than {limit} levels; what lies deeper was skipped</source>
        <translation>网页嵌套超过 {limit} 层，更深处的内容已跳过</translation>
    </message>
    <message>
        <source>not a readable MHTML file: its parts nest too deeply</source>
        <translation>无法读取 MHTML 文件：其部分嵌套过深</translation>
    </message>
    <message>
        <source>not a readable MHTML file: it holds no HTML page part</source>
        <translation>无法读取 MHTML 文件：其中没有 HTML 网页部分</translation>
    </message>
    <message>
        <source>not a readable MHTML file: its HTML part is empty</source>
        <translation>无法读取 MHTML 文件：其 HTML 部分为空</translation>
    </message>
    <message>
        <source>no article found in the text (no headline and body of real sentences)</source>
        <translation>文本中没有找到文章（没有标题和由完整句子组成的正文）</translation>
    </message>
    <message>
        <source>a keywords line with no article text before it was ignored</source>
        <translation>忽略了一行前面没有正文的关键词</translation>
    </message>
    <message>
        <source>{n} timestamps with an impossible date (kept as printed, undated)</source>
        <translation>{n} 个时间戳的日期不存在（按原样保留，作为日期不详）</translation>
    </message>
    <message>
        <source>{path} is damaged or is not a newsreader library. Open another library, or move this file away to start a new one.</source>
        <translation>{path} 已损坏，或者不是 newsreader 资料库。请打开其他资料库，或把这个文件移走以新建一个。</translation>
    </message>
    <message>
        <source>{path} is read-only. Check the file&apos;s permissions or copy it somewhere writable.</source>
        <translation>{path} 是只读的。请检查文件权限，或把它复制到可以写入的位置。</translation>
    </message>
    <message>
        <source>{path} is busy: another program is writing to it. Try again when it has finished.</source>
        <translation>{path} 正忙：另一个程序正在写入。请等它完成后再试。</translation>
    </message>
    <message>
        <source>Cannot open {path}: the folder is missing or not writable.</source>
        <translation>无法打开 {path}：文件夹不存在或不可写入。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full. Free some space and try again.</source>
        <translation>{path} 所在的磁盘已满。请腾出一些空间后再试。</translation>
    </message>
    <message>
        <source>There is no library at {path}.</source>
        <translation>{path} 没有资料库。</translation>
    </message>
    <message>
        <source>Cannot create the folder for {path}: {reason}.</source>
        <translation>无法为 {path} 创建文件夹：{reason}。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a library file.</source>
        <translation>{path} 是文件夹，不是资料库文件。</translation>
    </message>
    <message>
        <source>Cannot switch {path} to WAL mode (got {mode}).</source>
        <translation>无法把 {path} 切换到 WAL 模式（得到的是 {mode}）。</translation>
    </message>
    <message>
        <source>This library was written by a newer newsreader (schema {version}, this program knows {known}). Update newsreader to open it.</source>
        <translation>这个资料库由更新版本的 newsreader 写入（结构版本 {version}，本程序只认识到 {known}）。请更新 newsreader 后再打开。</translation>
    </message>
    <message>
        <source>Dump {dump} is stored with an unknown compression {name}.</source>
        <translation>存档 {dump} 使用了未知的压缩方式 {name}。</translation>
    </message>
    <message>
        <source>The query on {path} was interrupted.</source>
        <translation>对 {path} 的查询被中断了。</translation>
    </message>
    <message>
        <source>Cannot use the library {path}: {reason}</source>
        <translation>无法使用资料库 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} was written by a newer newsreader (schema {version}, this program knows {known}). Update newsreader to open it.</source>
        <translation>{path} 由更新版本的 newsreader 写入（架构 {version}，本程序只认识 {known}）。请更新 newsreader 后再打开。</translation>
    </message>
    <message>
        <source>{path} already exists; choose a new file for the backup.</source>
        <translation>{path} 已存在；请为备份另选一个新文件。</translation>
    </message>
    <message>
        <source>Cannot write the backup {path}: {reason}.</source>
        <translation>无法写入备份 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{path} is damaged. Run `newsreader check` to see what can be repaired, or restore it from a backup.</source>
        <translation>{path} 已损坏。请运行 `newsreader check` 查看能否修复，或从备份恢复。</translation>
    </message>
    <message>
        <source>{path} is damaged (a stored value cannot be read: {reason}). Run `newsreader check` to see what can be repaired, or restore it from a backup.</source>
        <translation>{path} 已损坏（无法读取一个已保存的值：{reason}）。请运行 `newsreader check` 查看能否修复，或从备份恢复。</translation>
    </message>
    <message>
        <source>{path} is not a newsreader library (it belongs to another program). It was left untouched; choose another file for the library.</source>
        <translation>{path} 不是 newsreader 的资料库（它属于别的程序）。文件未被改动；请为资料库另选一个文件。</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only, and SQLite needs to write beside the library there. Reading works; to change {path}, copy it to a writable folder.</source>
        <translation>文件夹 {folder} 是只读的，而 SQLite 需要在资料库旁边写入文件。可以阅读；要修改 {path}，请把它复制到可写的文件夹。</translation>
    </message>
    <message>
        <source>Cannot create {path}: the folder {folder} is read-only.</source>
        <translation>无法创建 {path}：文件夹 {folder} 是只读的。</translation>
    </message>
    <message>
        <source>{path} was made by an older newsreader and must be upgraded before it can be read, but it cannot be written. Copy it somewhere writable and open the copy.</source>
        <translation>{path} 由旧版 newsreader 创建，需要升级后才能阅读，但它无法写入。请把它复制到可写的位置再打开副本。</translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk reported an error (it may be full, over a file size limit, or failing). Free some space and try again.</source>
        <translation>无法写入 {path}：磁盘报告了错误（可能已满、超过文件大小限制或出现故障）。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>the shared folder {path} cannot be reached for now: {reason}</source>
        <translation>共享文件夹暂时无法访问：{path}（{reason}）</translation>
    </message>
    <message>
        <source>{path}: no such folder</source>
        <translation>{path}：没有这个文件夹</translation>
    </message>
    <message>
        <source>{path} is not a folder</source>
        <translation>{path} 不是文件夹</translation>
    </message>
    <message>
        <source>still being written or copied</source>
        <translation>仍在写入或复制中</translation>
    </message>
    <message>
        <source>not a marks file this program can read: {reason}</source>
        <translation>不是本程序能读取的标记文件：{reason}</translation>
    </message>
    <message>
        <source>The query is too long: at most {n} characters.</source>
        <translation>查询太长：最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>A search term is too long: at most {n} characters.</source>
        <translation>搜索词太长：最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>Too many search terms: at most {n}.</source>
        <translation>搜索词太多：最多 {n} 个。</translation>
    </message>
    <message>
        <source>Nothing to search for: the query has no word to look for.</source>
        <translation>没有可搜索的内容：查询里没有要找的词。</translation>
    </message>
    <message>
        <source>Nothing to search for.</source>
        <translation>没有可搜索的内容。</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>operation not permitted</source>
        <translation>不允许此操作</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>no space left on the disk</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>input/output error (the disk may be failing)</source>
        <translation>输入/输出错误（磁盘可能有故障）</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <source>a file of that name is in the way</source>
        <translation>已有同名文件挡住了路径</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search stories (Ctrl+F)</source>
        <extracomment>↓ or Enter: the user wants the results, not more typing.</extracomment>
        <translation>搜索新闻 (Ctrl+F)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>已加星</translation>
    </message>
    <message>
        <source>Recently Imported</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>Which stories the list shows</source>
        <translation>列表显示哪些新闻</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>相关度</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Order of search results</source>
        <translation>搜索结果的排列顺序</translation>
    </message>
    <message>
        <source>Too many results to rank by relevance: they are listed newest first. Add words to rank them.</source>
        <translation>结果太多，无法按相关度排序：已按时间从新到旧列出。增加关键词即可按相关度排序。</translation>
    </message>
    <message>
        <source>Any Date</source>
        <translation>不限日期</translation>
    </message>
</context>
<context>
    <name>SearchMode</name>
    <message>
        <source>1 result</source>
        <translation>1 条结果</translation>
    </message>
    <message>
        <source>{n} results</source>
        <translation>{n} 条结果</translation>
    </message>
    <message>
        <source> (by date: too many to rank)</source>
        <translation>（结果太多，按日期排列）</translation>
    </message>
    <message>
        <source>1 story</source>
        <translation>1 条新闻</translation>
    </message>
    <message>
        <source>{n} stories</source>
        <translation>{n} 条新闻</translation>
    </message>
</context>
<context>
    <name>StoryListModel</name>
    <message>
        <source>Full article</source>
        <translation>全文</translation>
    </message>
    <message>
        <source>Headline only: the dump captured no article text</source>
        <translation>仅标题：存档中没有正文</translation>
    </message>
</context>
<context>
    <name>StoryReading</name>
    <message>
        <source>This story is no longer in the library.</source>
        <translation>资料库中已没有这条新闻。</translation>
    </message>
    <message>
        <source>Marks waiting to be saved: {n} (another program is writing to the library).</source>
        <translation>等待保存的标记：{n} 个（另一个程序正在写入资料库）。</translation>
    </message>
    <message>
        <source>Marks saved.</source>
        <translation>标记已保存。</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <source>Welcome to newsreader</source>
        <translation>欢迎使用 newsreader</translation>
    </message>
    <message>
        <source>Your library is empty. Import the page dumps you saved (text files, in any encoding), or drop files and folders onto this window. Everything stays on this computer: newsreader never goes online.</source>
        <translation>资料库还是空的。导入您保存的网页存档（任意编码的文本文件），或把文件和文件夹拖到这个窗口上。所有内容都只保存在这台电脑上：newsreader 从不联网。</translation>
    </message>
    <message>
        <source>Import Files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Import Folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>Open a Sample</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>The sample is a short dump written for newsreader: one article and a dozen headlines.</source>
        <translation>示例是为 newsreader 编写的一份简短存档：一篇文章和十几条标题。</translation>
    </message>
</context>
<context>
    <name>WindowImports</name>
    <message>
        <source>An import is already running.</source>
        <translation>已有导入正在进行。</translation>
    </message>
    <message>
        <source>Import Page Dumps</source>
        <translation>导入网页存档</translation>
    </message>
    <message>
        <source>Page dumps and saved pages (*.txt *.html *.htm *.shtml *.xhtml *.mhtml *.mht);;All files (*)</source>
        <translation>网页存档和保存的网页 (*.txt *.html *.htm *.shtml *.xhtml *.mhtml *.mht);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a Folder of Dumps</source>
        <translation>导入存档文件夹</translation>
    </message>
    <message>
        <source>Import cancelled: {files} files were read before you cancelled. Stories added: {added}, updated: {updated}.</source>
        <translation>导入已取消：取消前读取了 {files} 个文件。新增新闻 {added} 条，更新 {updated} 条。</translation>
    </message>
    <message>
        <source>Import finished. Stories added: {added}, updated: {updated}.</source>
        <translation>导入完成。新增新闻：{added} 条，更新：{updated} 条。</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Import Files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Import Folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>Open a Sample</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>Import History…</source>
        <translation>导入记录…</translation>
    </message>
    <message>
        <source>Open Library…</source>
        <translation>打开资料库…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Copy Story</source>
        <translation>复制新闻</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>Larger Text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller Text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>原始大小</translation>
    </message>
    <message>
        <source>&amp;Story</source>
        <translation>新闻(&amp;S)</translation>
    </message>
    <message>
        <source>Next Story</source>
        <translation>下一条</translation>
    </message>
    <message>
        <source>Previous Story</source>
        <translation>上一条</translation>
    </message>
    <message>
        <source>Page Down, Then Next Story</source>
        <translation>向下翻页，到底后看下一条</translation>
    </message>
    <message>
        <source>Mark Read or Unread</source>
        <translation>标为已读/未读</translation>
    </message>
    <message>
        <source>Star or Unstar</source>
        <translation>加星/取消加星</translation>
    </message>
</context>
</TS>
