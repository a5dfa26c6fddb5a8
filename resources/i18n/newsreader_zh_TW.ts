<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>Article</name>
    <message>
        <source>seen in 1 dump</source>
        <translation>見於 1 個存檔檔案</translation>
    </message>
    <message>
        <source>seen in {n} dumps</source>
        <translation>見於 {n} 個存檔檔案</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>已加星號</translation>
    </message>
    <message>
        <source>Keywords:</source>
        <translation>關鍵詞：</translation>
    </message>
    <message>
        <source>No headline was captured for this story; the title is its first sentence.</source>
        <translation>未擷取到這則新聞的標題，標題取自內文第一句。</translation>
    </message>
    <message>
        <source>Only the headline and summary of this story were captured, not its text.</source>
        <translation>這則新聞只擷取到標題和摘要，沒有內文。</translation>
    </message>
    <message>
        <source>Only the headline of this story was captured, not its text.</source>
        <translation>這則新聞只擷取到了標題，沒有正文。</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>日期不詳</translation>
    </message>
    <message>
        <source>Source: “{title}”, {date}, from {sources}</source>
        <translation>出處：〈{title}〉，{date}，來自 {sources}</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Choose a story in the list to read it here.</source>
        <translation>在左側清單中選擇一則新聞，在這裡閱讀。</translation>
    </message>
    <message>
        <source>Paragraphs {first}–{last}; the rest of this very long story is still being read…</source>
        <translation>第 {first}–{last} 段；這篇很長的新聞其餘部分仍在讀取…</translation>
    </message>
    <message>
        <source>Paragraphs {first}–{last} of {total}</source>
        <translation>第 {first}–{last} 段，共 {total} 段</translation>
    </message>
    <message>
        <source>‹ Previous page</source>
        <translation>‹ 上一頁</translation>
    </message>
    <message>
        <source>Next page ›</source>
        <translation>下一頁 ›</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Choose in a calendar</source>
        <translation>在日曆中選擇</translation>
    </message>
    <message>
        <source>Not a date: type it as 2023-08-10</source>
        <translation>不是日期：請按 2023-08-10 的格式輸入</translation>
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
        <translation>迄</translation>
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
        <translation>日期不詳</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>日期不詳</translation>
    </message>
    <message>
        <source>Imported {when} · {name}</source>
        <translation>{when} 匯入 · {name}</translation>
    </message>
</context>
<context>
    <name>EmptyNote</name>
    <message>
        <source>Show All Stories</source>
        <translation>顯示全部新聞</translation>
    </message>
    <message>
        <source>Try fewer words, or shorter ones.</source>
        <translation>試試減少關鍵字，或用更短的詞。</translation>
    </message>
    <message>
        <source>Simplified and Traditional characters already find each other: there is no need to search for both.</source>
        <translation>簡體字和繁體字已經互相匹配，不必兩種都搜尋。</translation>
    </message>
    <message>
        <source>The filter above hides some stories: show all of them and search again.</source>
        <translation>上方的篩選隱藏了部分新聞：顯示全部後再搜尋。</translation>
    </message>
    <message>
        <source>No story matches “{query}”.</source>
        <translation>沒有與「{query}」相符的新聞。</translation>
    </message>
    <message>
        <source>No story is listed: the filter hides every one.</source>
        <translation>沒有列出任何新聞：篩選把它們全部隱藏了。</translation>
    </message>
    <message>
        <source>Choose All and Any Date to see the whole library again.</source>
        <translation>選擇「全部」和「任意日期」即可重新看到整個資料庫。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot open the library</source>
        <translation>無法開啟資料庫</translation>
    </message>
    <message>
        <source>The library cannot be used.</source>
        <translation>資料庫無法使用。</translation>
    </message>
    <message>
        <source>Cannot open the link</source>
        <translation>無法開啟連結</translation>
    </message>
    <message>
        <source>No web browser opened this address:
{address}</source>
        <translation>沒有網頁瀏覽器開啟這個網址：
{address}</translation>
    </message>
    <message>
        <source>Copy the address and open it in a browser yourself.</source>
        <translation>請複製網址，自行在瀏覽器中開啟。</translation>
    </message>
    <message>
        <source>Copy Address</source>
        <translation>複製網址</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>發生錯誤</translation>
    </message>
    <message>
        <source>newsreader ran into an unexpected problem and may not work as it should.</source>
        <translation>newsreader 遇到了非預期的問題，可能無法正常運作。</translation>
    </message>
    <message>
        <source>{summary}

The details were written to {log}. Please send that file with a description of what you were doing.</source>
        <translation>{summary}

詳細資訊已寫入 {log}。請將該檔案連同您當時的操作說明一併寄給我們。</translation>
    </message>
</context>
<context>
    <name>FollowingController</name>
    <message>
        <source>Followed Folders…</source>
        <translation>關注的資料夾…</translation>
    </message>
    <message>
        <source>{folder}: {n} new stories</source>
        <translation>{folder}：新增 {n} 則新聞</translation>
    </message>
    <message>
        <source>never</source>
        <translation>從未</translation>
    </message>
    <message>
        <source>Shared folder temporarily unreachable: {path} (last synced {when})</source>
        <translation>共用資料夾暫時無法存取：{path}（上次同步 {when}）</translation>
    </message>
    <message>
        <source>{n} shared folders temporarily unreachable</source>
        <translation>{n} 個共用資料夾暫時無法存取</translation>
    </message>
</context>
<context>
    <name>FollowingDialog</name>
    <message>
        <source>Followed Folders</source>
        <translation>關注的資料夾</translation>
    </message>
    <message>
        <source>New dumps saved in these folders (a network share, or a folder Syncthing keeps in step) are imported by themselves. A file is imported once it has stopped changing.</source>
        <translation>儲存到這些資料夾（網路共用，或由 Syncthing 同步的資料夾）中的新頁面會自動匯入。檔案停止變化後才會匯入。</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>新增資料夾…</translation>
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
        <translation> 分鐘</translation>
    </message>
    <message>
        <source>Look for new files every</source>
        <translation>檢查新檔案的間隔</translation>
    </message>
    <message>
        <source>never</source>
        <translation>從未</translation>
    </message>
    <message>
        <source>{files} files; last synced {when}</source>
        <translation>{files} 個檔案；上次同步 {when}</translation>
    </message>
    <message>
        <source>temporarily unreachable; last synced {when}</source>
        <translation>暫時無法存取；上次同步 {when}</translation>
    </message>
    <message>
        <source>Follow a Folder</source>
        <translation>關注資料夾</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Importing…</source>
        <translation>正在匯入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Imported {done} of {total}: {name}</source>
        <translation>已匯入 {done}/{total}：{name}</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import History</source>
        <translation>匯入記錄</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>匯入時間</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Forget Import…</source>
        <translation>忘記這次匯入…</translation>
    </message>
    <message>
        <source>Forget Import</source>
        <translation>忘記匯入</translation>
    </message>
    <message>
        <source>Forget the import of {path}? {removed} stories only it brought will be removed; {changed} stories also seen in other dumps keep those. Importing the file again brings it back.</source>
        <translation>忘記 {path} 的匯入？只由它帶來的 {removed} 則新聞將被刪除；另有 {changed} 則新聞也出現在其他檔案中，會保留那些來源。再次匯入該檔案即可還原。</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>忘記</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import Report</source>
        <translation>匯入報告</translation>
    </message>
    <message>
        <source>Stories added: {added}, updated: {updated}.</source>
        <translation>新增新聞：{added} 則，更新：{updated} 則。</translation>
    </message>
    <message>
        <source>Files imported: {imported}, already imported: {unchanged}, rejected: {rejected}.</source>
        <translation>匯入檔案：{imported} 個，先前已匯入：{unchanged} 個，拒絕：{rejected} 個。</translation>
    </message>
    <message>
        <source>Cancelled: the files listed were imported; the file being read when you cancelled was left out entirely.</source>
        <translation>已取消：列出的檔案已匯入；取消時正在讀取的檔案完全沒有匯入。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
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
        <translation>說明</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已匯入</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>先前已匯入</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒絕</translation>
    </message>
    <message>
        <source>{n} files already imported</source>
        <translation>{n} 個檔案之前已匯入</translation>
    </message>
</context>
<context>
    <name>LibraryErrorPage</name>
    <message>
        <source>Open Another Library…</source>
        <translation>開啟其他資料庫…</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重試</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open Library</source>
        <extracomment>Start-up opens the library after the window&apos;s first paint, or after this long.</extracomment>
        <translation>開啟資料庫</translation>
    </message>
    <message>
        <source>newsreader libraries (*.sqlite3 *.db);;All files (*)</source>
        <translation>newsreader 資料庫 (*.sqlite3 *.db);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Library problem</source>
        <translation>資料庫問題</translation>
    </message>
    <message>
        <source>The list was refreshed: another program changed the library.</source>
        <translation>列表已重新整理：另一個程式更改了資料庫。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>匯入失敗</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>empty file</source>
        <translation>空檔案</translation>
    </message>
    <message>
        <source>empty file (only whitespace)</source>
        <translation>空檔案（只有空白）</translation>
    </message>
    <message>
        <source>file too large: {size} bytes (the limit is {limit} bytes, 64 MiB)</source>
        <translation>檔案太大：{size} 位元組（上限為 {limit} 位元組，即 64 MiB）</translation>
    </message>
    <message>
        <source>file is larger than 64 MiB ({size} bytes); not a page dump</source>
        <translation>檔案超過 64 MiB（{size} 位元組），不是網頁存檔</translation>
    </message>
    <message>
        <source>not a dump format this version reads</source>
        <translation>不是這個版本能讀取的存檔格式</translation>
    </message>
    <message>
        <source>not a text file (looks like binary data)</source>
        <translation>不是文字檔（看起來是二進位資料）</translation>
    </message>
    <message>
        <source>not a text file (contains NUL bytes)</source>
        <translation>不是文字檔（含有 NUL 位元組）</translation>
    </message>
    <message>
        <source>not a text file (mostly control or unprintable characters)</source>
        <translation>不是文字檔（大多是控制字元或無法列印的字元）</translation>
    </message>
    <message>
        <source>unsupported encoding: looks like {name} without a byte-order mark</source>
        <translation>不支援的編碼：看起來是沒有位元組順序記號（BOM）的 {name}</translation>
    </message>
    <message>
        <source>unsupported encoding: not UTF-8, UTF-16 with a byte-order mark or GB18030 (it looks like {name})</source>
        <translation>不支援的編碼：不是 UTF-8、帶位元組順序記號的 UTF-16 或 GB18030（看起來是 {name}）</translation>
    </message>
    <message>
        <source>cannot read the file: {reason}</source>
        <translation>無法讀取檔案：{reason}</translation>
    </message>
    <message>
        <source>cannot read the folder: {reason}</source>
        <translation>無法讀取資料夾：{reason}</translation>
    </message>
    <message>
        <source>the folder holds no dumps (*.txt files)</source>
        <translation>資料夾裡沒有存檔（*.txt 檔案）</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是一般檔案</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>沒有這個檔案或資料夾</translation>
    </message>
    <message>
        <source>already imported on {when}</source>
        <translation>已於 {when} 匯入</translation>
    </message>
    <message>
        <source>interrupted before it was saved; import it again to finish</source>
        <translation>儲存之前被中斷；再匯入一次即可完成</translation>
    </message>
    <message>
        <source>not saved: the import stopped; import it again to finish</source>
        <translation>未儲存：匯入已停止；再匯入一次即可完成</translation>
    </message>
    <message>
        <source>{n} orphan timestamps (timestamp lines with no headline) were skipped</source>
        <translation>有 {n} 行只有發布時間、找不到所屬的標題，已略過（不影響任何新聞）</translation>
    </message>
    <message>
        <source>{n} lines between the keywords and the headline list were skipped</source>
        <translation>略過了關鍵詞與標題清單之間的 {n} 行</translation>
    </message>
    <message>
        <source>cannot decode the page: its bytes are not UTF-8, GB18030 or the charset it declares ({declared})</source>
        <translation>無法解碼網頁：其位元組既不是 UTF-8、GB18030，也不是它宣告的字元集（{declared}）</translation>
    </message>
    <message>
        <source>no story found: the file holds {n} letters or digits of text (a story needs at least {least})</source>
        <translation>沒有找到新聞：檔案裡只有 {n} 個文字或數字（一則新聞至少需要 {least} 個）</translation>
    </message>
    <message>
        <source>cannot decode the page: it starts with a {name} byte-order mark but is not valid {name}</source>
        <translation>無法解碼網頁：它以 {name} 位元組順序標記開頭，但不是有效的 {name}</translation>
    </message>
    <message>
        <source>not a readable page: its elements nest deeper than {limit} levels and no article was found above that depth</source>
        <translation>無法讀取網頁：元素巢狀超過 {limit} 層，且在此深度以上沒有找到文章</translation>
    </message>
    <message>
        <source>not a readable page: it has {n} tags (the limit is {limit}); not a saved article page</source>
        <translation>無法讀取網頁：它有 {n} 個標籤（上限為 {limit} 個），不是儲存的文章網頁</translation>
    </message>
    <message>
        <source>no article found in the page (no headline and body of real sentences)</source>
        <translation>網頁中沒有找到文章（沒有標題和由完整句子組成的正文）</translation>
    </message>
    <message>
        <source>no article found in the page (no body of real sentences)</source>
        <translation>網頁中沒有找到文章（沒有由完整句子組成的正文）</translation>
    </message>
    <message>
        <source>the page nests deeper than {limit} levels; what lies deeper was skipped</source>
        <translation>網頁巢狀超過 {limit} 層，更深處的內容已略過</translation>
    </message>
    <message>
        <source>not a readable MHTML file: its parts nest too deeply</source>
        <translation>無法讀取 MHTML 檔案：其部分巢狀過深</translation>
    </message>
    <message>
        <source>not a readable MHTML file: it holds no HTML page part</source>
        <translation>無法讀取 MHTML 檔案：其中沒有 HTML 網頁部分</translation>
    </message>
    <message>
        <source>not a readable MHTML file: its HTML part is empty</source>
        <translation>無法讀取 MHTML 檔案：其 HTML 部分為空</translation>
    </message>
    <message>
        <source>no article found in the text (no headline and body of real sentences)</source>
        <translation>文字中沒有找到文章（沒有標題和由完整句子組成的正文）</translation>
    </message>
    <message>
        <source>a keywords line with no article text before it was ignored</source>
        <translation>忽略了一行前面沒有正文的關鍵詞</translation>
    </message>
    <message>
        <source>{n} timestamps with an impossible date (kept as printed, undated)</source>
        <translation>{n} 個時間戳記的日期不存在（按原樣保留，視為日期不詳）</translation>
    </message>
    <message>
        <source>{path} is damaged or is not a newsreader library. Open another library, or move this file away to start a new one.</source>
        <translation>{path} 已損壞，或者不是 newsreader 資料庫。請開啟其他資料庫，或把這個檔案移走以新建一個。</translation>
    </message>
    <message>
        <source>{path} is read-only. Check the file&apos;s permissions or copy it somewhere writable.</source>
        <translation>{path} 是唯讀的。請檢查檔案權限，或把它複製到可以寫入的位置。</translation>
    </message>
    <message>
        <source>{path} is busy: another program is writing to it. Try again when it has finished.</source>
        <translation>{path} 正忙：另一個程式正在寫入。請等它完成後再試。</translation>
    </message>
    <message>
        <source>Cannot open {path}: the folder is missing or not writable.</source>
        <translation>無法開啟 {path}：資料夾不存在或無法寫入。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full. Free some space and try again.</source>
        <translation>{path} 所在的磁碟已滿。請騰出一些空間後再試。</translation>
    </message>
    <message>
        <source>There is no library at {path}.</source>
        <translation>{path} 沒有資料庫。</translation>
    </message>
    <message>
        <source>Cannot create the folder for {path}: {reason}.</source>
        <translation>無法為 {path} 建立資料夾：{reason}。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a library file.</source>
        <translation>{path} 是資料夾，不是資料庫檔案。</translation>
    </message>
    <message>
        <source>Cannot switch {path} to WAL mode (got {mode}).</source>
        <translation>無法把 {path} 切換到 WAL 模式（得到的是 {mode}）。</translation>
    </message>
    <message>
        <source>This library was written by a newer newsreader (schema {version}, this program knows {known}). Update newsreader to open it.</source>
        <translation>這個資料庫由更新版本的 newsreader 寫入（結構版本 {version}，本程式只認識到 {known}）。請更新 newsreader 後再開啟。</translation>
    </message>
    <message>
        <source>Dump {dump} is stored with an unknown compression {name}.</source>
        <translation>存檔 {dump} 使用了未知的壓縮方式 {name}。</translation>
    </message>
    <message>
        <source>The query on {path} was interrupted.</source>
        <translation>對 {path} 的查詢被中斷了。</translation>
    </message>
    <message>
        <source>Cannot use the library {path}: {reason}</source>
        <translation>無法使用資料庫 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} was written by a newer newsreader (schema {version}, this program knows {known}). Update newsreader to open it.</source>
        <translation>{path} 由更新版本的 newsreader 寫入（結構 {version}，本程式只認識 {known}）。請更新 newsreader 後再開啟。</translation>
    </message>
    <message>
        <source>{path} already exists; choose a new file for the backup.</source>
        <translation>{path} 已存在；請為備份另選一個新檔案。</translation>
    </message>
    <message>
        <source>Cannot write the backup {path}: {reason}.</source>
        <translation>無法寫入備份 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{path} is damaged. Run `newsreader check` to see what can be repaired, or restore it from a backup.</source>
        <translation>{path} 已損壞。請執行 `newsreader check` 查看能否修復，或從備份還原。</translation>
    </message>
    <message>
        <source>{path} is damaged (a stored value cannot be read: {reason}). Run `newsreader check` to see what can be repaired, or restore it from a backup.</source>
        <translation>{path} 已損壞（無法讀取一個已儲存的值：{reason}）。請執行 `newsreader check` 查看能否修復，或從備份還原。</translation>
    </message>
    <message>
        <source>{path} is not a newsreader library (it belongs to another program). It was left untouched; choose another file for the library.</source>
        <translation>{path} 不是 newsreader 的資料庫（它屬於別的程式）。檔案未被改動；請為資料庫另選一個檔案。</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only, and SQLite needs to write beside the library there. Reading works; to change {path}, copy it to a writable folder.</source>
        <translation>資料夾 {folder} 是唯讀的，而 SQLite 需要在資料庫旁邊寫入檔案。可以閱讀；要修改 {path}，請把它複製到可寫的資料夾。</translation>
    </message>
    <message>
        <source>Cannot create {path}: the folder {folder} is read-only.</source>
        <translation>無法建立 {path}：資料夾 {folder} 是唯讀的。</translation>
    </message>
    <message>
        <source>{path} was made by an older newsreader and must be upgraded before it can be read, but it cannot be written. Copy it somewhere writable and open the copy.</source>
        <translation>{path} 由舊版 newsreader 建立，需要升級後才能閱讀，但它無法寫入。請把它複製到可寫的位置再開啟副本。</translation>
    </message>
    <message>
        <source>Cannot write {path}: the disk reported an error (it may be full, over a file size limit, or failing). Free some space and try again.</source>
        <translation>無法寫入 {path}：磁碟回報了錯誤（可能已滿、超過檔案大小限制或發生故障）。請釋放一些空間後重試。</translation>
    </message>
    <message>
        <source>the shared folder {path} cannot be reached for now: {reason}</source>
        <translation>共用資料夾暫時無法存取：{path}（{reason}）</translation>
    </message>
    <message>
        <source>{path}: no such folder</source>
        <translation>{path}：沒有這個資料夾</translation>
    </message>
    <message>
        <source>{path} is not a folder</source>
        <translation>{path} 不是資料夾</translation>
    </message>
    <message>
        <source>still being written or copied</source>
        <translation>仍在寫入或複製中</translation>
    </message>
    <message>
        <source>not a marks file this program can read: {reason}</source>
        <translation>不是本程式能讀取的標記檔案：{reason}</translation>
    </message>
    <message>
        <source>The query is too long: at most {n} characters.</source>
        <translation>查詢太長：最多 {n} 個字元。</translation>
    </message>
    <message>
        <source>A search term is too long: at most {n} characters.</source>
        <translation>搜尋詞太長：最多 {n} 個字元。</translation>
    </message>
    <message>
        <source>Too many search terms: at most {n}.</source>
        <translation>搜尋詞太多：最多 {n} 個。</translation>
    </message>
    <message>
        <source>Nothing to search for: the query has no word to look for.</source>
        <translation>沒有可搜尋的內容：查詢裡沒有要找的詞。</translation>
    </message>
    <message>
        <source>Nothing to search for.</source>
        <translation>沒有可搜尋的內容。</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>權限不足</translation>
    </message>
    <message>
        <source>operation not permitted</source>
        <translation>不允許此操作</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>這是一個資料夾</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>路徑中有一部分不是資料夾</translation>
    </message>
    <message>
        <source>no space left on the disk</source>
        <translation>磁碟空間不足</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁碟是唯讀的</translation>
    </message>
    <message>
        <source>input/output error (the disk may be failing)</source>
        <translation>輸入/輸出錯誤（磁碟可能有故障）</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名稱太長</translation>
    </message>
    <message>
        <source>a file of that name is in the way</source>
        <translation>已有同名檔案擋住了路徑</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search stories (Ctrl+F)</source>
        <extracomment>↓ or Enter: the user wants the results, not more typing.</extracomment>
        <translation>搜尋新聞 (Ctrl+F)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未讀</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>已加星號</translation>
    </message>
    <message>
        <source>Recently Imported</source>
        <translation>最近匯入</translation>
    </message>
    <message>
        <source>Which stories the list shows</source>
        <translation>清單顯示哪些新聞</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>相關度</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Order of search results</source>
        <translation>搜尋結果的排列順序</translation>
    </message>
    <message>
        <source>Too many results to rank by relevance: they are listed newest first. Add words to rank them.</source>
        <translation>結果太多，無法按相關度排序：已按時間從新到舊列出。增加關鍵字即可按相關度排序。</translation>
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
        <translation>1 筆結果</translation>
    </message>
    <message>
        <source>{n} results</source>
        <translation>{n} 筆結果</translation>
    </message>
    <message>
        <source> (by date: too many to rank)</source>
        <translation>（結果太多，依日期排列）</translation>
    </message>
    <message>
        <source>1 story</source>
        <translation>1 則新聞</translation>
    </message>
    <message>
        <source>{n} stories</source>
        <translation>{n} 則新聞</translation>
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
        <translation>僅標題：存檔中沒有內文</translation>
    </message>
</context>
<context>
    <name>StoryReading</name>
    <message>
        <source>This story is no longer in the library.</source>
        <translation>資料庫中已沒有這則新聞。</translation>
    </message>
    <message>
        <source>Marks waiting to be saved: {n} (another program is writing to the library).</source>
        <translation>等待儲存的標記：{n} 個（另一個程式正在寫入資料庫）。</translation>
    </message>
    <message>
        <source>Marks saved.</source>
        <translation>標記已儲存。</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <source>Welcome to newsreader</source>
        <translation>歡迎使用 newsreader</translation>
    </message>
    <message>
        <source>Your library is empty. Import the page dumps you saved (text files, in any encoding), or drop files and folders onto this window. Everything stays on this computer: newsreader never goes online.</source>
        <translation>資料庫還是空的。匯入您儲存的網頁存檔（任意編碼的文字檔），或將檔案和資料夾拖放到這個視窗上。所有內容都只留在這台電腦上：newsreader 從不連網。</translation>
    </message>
    <message>
        <source>Import Files…</source>
        <translation>匯入檔案…</translation>
    </message>
    <message>
        <source>Import Folder…</source>
        <translation>匯入資料夾…</translation>
    </message>
    <message>
        <source>Open a Sample</source>
        <translation>開啟範例</translation>
    </message>
    <message>
        <source>The sample is a short dump written for newsreader: one article and a dozen headlines.</source>
        <translation>範例是為 newsreader 撰寫的一份簡短存檔：一篇文章和十幾則標題。</translation>
    </message>
</context>
<context>
    <name>WindowImports</name>
    <message>
        <source>An import is already running.</source>
        <translation>已有匯入正在進行。</translation>
    </message>
    <message>
        <source>Import Page Dumps</source>
        <translation>匯入網頁存檔</translation>
    </message>
    <message>
        <source>Page dumps and saved pages (*.txt *.html *.htm *.shtml *.xhtml *.mhtml *.mht);;All files (*)</source>
        <translation>網頁存檔和儲存的網頁 (*.txt *.html *.htm *.shtml *.xhtml *.mhtml *.mht);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Import a Folder of Dumps</source>
        <translation>匯入存檔資料夾</translation>
    </message>
    <message>
        <source>Import cancelled: {files} files were read before you cancelled. Stories added: {added}, updated: {updated}.</source>
        <translation>匯入已取消：取消前讀取了 {files} 個檔案。新增新聞 {added} 則，更新 {updated} 則。</translation>
    </message>
    <message>
        <source>Import finished. Stories added: {added}, updated: {updated}.</source>
        <translation>匯入完成。新增新聞：{added} 則，更新：{updated} 則。</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>Import Files…</source>
        <translation>匯入檔案…</translation>
    </message>
    <message>
        <source>Import Folder…</source>
        <translation>匯入資料夾…</translation>
    </message>
    <message>
        <source>Open a Sample</source>
        <translation>開啟範例</translation>
    </message>
    <message>
        <source>Import History…</source>
        <translation>匯入記錄…</translation>
    </message>
    <message>
        <source>Open Library…</source>
        <translation>開啟資料庫…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>Copy Story</source>
        <translation>複製新聞</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Larger Text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller Text</source>
        <translation>縮小文字</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>實際大小</translation>
    </message>
    <message>
        <source>&amp;Story</source>
        <translation>新聞(&amp;S)</translation>
    </message>
    <message>
        <source>Next Story</source>
        <translation>下一則</translation>
    </message>
    <message>
        <source>Previous Story</source>
        <translation>上一則</translation>
    </message>
    <message>
        <source>Page Down, Then Next Story</source>
        <translation>向下捲動，到底後看下一則</translation>
    </message>
    <message>
        <source>Mark Read or Unread</source>
        <translation>標為已讀/未讀</translation>
    </message>
    <message>
        <source>Star or Unstar</source>
        <translation>加星號/取消星號</translation>
    </message>
</context>
</TS>
