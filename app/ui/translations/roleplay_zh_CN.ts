<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BreathingPrompt</name>
    <message>
        <source>Breathing before the call: in 4 s, hold 2 s, out 6 s</source>
        <translation>通话前调整呼吸：吸气 4 秒，屏息 2 秒，呼气 6 秒</translation>
    </message>
    <message>
        <source>Breathe in… {s}</source>
        <translation>吸气…… {s}</translation>
    </message>
    <message>
        <source>Hold… {s}</source>
        <translation>屏息…… {s}</translation>
    </message>
    <message>
        <source>Breathe out… {s}</source>
        <translation>呼气…… {s}</translation>
    </message>
    <message>
        <source>Press start and follow the circle.</source>
        <translation>点击开始，跟随圆圈呼吸。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start breathing</source>
        <translation>开始呼吸练习</translation>
    </message>
</context>
<context>
    <name>BriefingPage</name>
    <message>
        <source>CASE FILE</source>
        <translation>案件档案</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Account and order facts</source>
        <translation>账户与订单信息</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事情经过</translation>
    </message>
    <message>
        <source>What policy allows</source>
        <translation>政策允许的处理方式</translation>
    </message>
    <message>
        <source>Call options</source>
        <translation>通话选项</translation>
    </message>
    <message>
        <source>Show subtitles of the customer&apos;s words</source>
        <translation>显示客户话语的字幕</translation>
    </message>
    <message>
        <source>Exam mode: feedback only at the end</source>
        <translation>考试模式：通话结束后才显示反馈</translation>
    </message>
    <message>
        <source>Breathing prompt before the call (4-2-6)</source>
        <translation>通话前呼吸提示（4-2-6）</translation>
    </message>
    <message>
        <source>Start the call</source>
        <translation>开始通话</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>返回情景库</translation>
    </message>
    <message>
        <source>Caller&apos;s mood at the start: {emotion}, {mood} ({value}/100)</source>
        <translation>来电时客户情绪：{emotion}，{mood}（{value}/100）</translation>
    </message>
    <message>
        <source>Answer within {seconds:g} s of the customer finishing, or the silence counts against you.</source>
        <translation>客户说完后请在 {seconds:g} 秒内回应，否则冷场会被扣分。</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Voice is not available in this build: typed replies only, and the customer&apos;s lines are shown as text.</source>
        <translation>此版本无法使用语音：仅限文字回复，客户的话以文字显示。</translation>
    </message>
    <message>
        <source>Preparing speech recognition…</source>
        <translation>正在准备语音识别……</translation>
    </message>
    <message>
        <source>No speech recogniser for {language}: typed replies only. Import a model in Settings.</source>
        <translation>没有{language}语音识别：仅限文字回复。请在“设置”中导入模型。</translation>
    </message>
    <message>
        <source>Microphone unavailable ({error}): typed replies only.</source>
        <translation>麦克风不可用（{error}）：仅限文字回复。</translation>
    </message>
    <message>
        <source>{engine}. Answer after the customer, or hold Space to talk.</source>
        <translation>{engine}。请在客户说完后回答，或按住空格键说话。</translation>
    </message>
    <message>
        <source>Preparing the customer&apos;s voice…</source>
        <translation>正在生成客户语音……</translation>
    </message>
    <message>
        <source>The customer&apos;s voice could not be played ({error}): showing the line as text.</source>
        <translation>无法播放客户语音（{error}）：改为显示文字。</translation>
    </message>
    <message>
        <source>The microphone was disconnected: typed replies only.</source>
        <translation>麦克风已断开：仅限文字回复。</translation>
    </message>
    <message>
        <source>The microphone was disconnected ({error}). Type your reply; the call goes on.</source>
        <translation>麦克风已断开（{error}）。请输入文字回复，通话继续。</translation>
    </message>
    <message>
        <source>Scoring your reply…</source>
        <translation>正在为你的回复评分……</translation>
    </message>
    <message>
        <source>Your reply could not be scored ({error}).</source>
        <translation>无法为你的回复评分（{error}）。</translation>
    </message>
    <message>
        <source>The customer&apos;s voice could not be played ({error}).</source>
        <translation>无法播放客户的声音（{error}）。</translation>
    </message>
    <message>
        <source>Saving the session…</source>
        <translation>正在保存会话……</translation>
    </message>
    <message>
        <source>The session could not be saved: {error}</source>
        <translation>会话无法保存：{error}</translation>
    </message>
</context>
<context>
    <name>CallPage</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Dead air: {seconds:.0f} s. Say something now, even &quot;one moment, I&apos;m checking&quot; (limit {limit:g} s).</source>
        <translation>冷场 {seconds:.0f} 秒！请马上回应，哪怕先说“请稍等，我正在为您查询”（上限 {limit:g} 秒）。</translation>
    </message>
    <message>
        <source>Silence: {seconds:.0f} s (answer within {limit:g} s)</source>
        <translation>沉默：{seconds:.0f} 秒（请在 {limit:g} 秒内回应）</translation>
    </message>
    <message>
        <source>Exam mode: feedback at the end of the call.</source>
        <translation>考试模式：通话结束后显示反馈。</translation>
    </message>
    <message>
        <source>Feedback on each reply appears here.</source>
        <translation>每次回复后的反馈会显示在这里。</translation>
    </message>
    <message>
        <source>Reply {n}: {score}/100</source>
        <translation>第 {n} 次回复：{score}/100</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已做到</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Import a better {language} model…</source>
        <translation>导入更好的{language}识别模型…</translation>
    </message>
    <message>
        <source>The customer is speaking…</source>
        <translation>客户正在说话……</translation>
    </message>
    <message>
        <source>Scoring your reply…</source>
        <translation>正在为你的回复评分……</translation>
    </message>
    <message>
        <source>Your turn.</source>
        <translation>轮到你了。</translation>
    </message>
    <message>
        <source>(subtitles off: listen to the customer)</source>
        <translation>（字幕已关闭：请听客户说）</translation>
    </message>
    <message>
        <source>Your voice</source>
        <translation>你的声音</translation>
    </message>
    <message>
        <source>Talking… release to finish</source>
        <translation>正在说话……松开即结束</translation>
    </message>
    <message>
        <source>Reply {n} of {total}</source>
        <translation>第 {n} / {total} 句回复</translation>
    </message>
    <message>
        <source>Only the first {limit} characters of this reply were scored (it has {length}).</source>
        <translation>这条回复只评了前 {limit} 个字符（共 {length} 个）。</translation>
    </message>
    <message>
        <source>Hold to talk (Space)</source>
        <translation>按住说话（空格键）</translation>
    </message>
    <message>
        <source>Type your reply and press Enter (Shift+Enter for a new line)</source>
        <translation>输入回复后按回车发送（Shift+回车换行）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>EmotionCurveChart</name>
    <message>
        <source>Customer&apos;s emotion during the call</source>
        <translation>通话中客户的情绪</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Intensity</source>
        <translation>情绪强度</translation>
    </message>
    <message>
        <source>{mood} from {value}</source>
        <translation>{value} 起为{mood}</translation>
    </message>
</context>
<context>
    <name>EmotionMeter</name>
    <message>
        <source>Customer&apos;s mood</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>{mood} {value}</source>
        <translation>{mood} {value}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <source>Anxious</source>
        <translation>焦虑</translation>
    </message>
    <message>
        <source>Disappointed</source>
        <translation>失望</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Enquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>挽留</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Level 1 (easy)</source>
        <translation>1 级（简单）</translation>
    </message>
    <message>
        <source>Level 2 (medium)</source>
        <translation>2 级（中等）</translation>
    </message>
    <message>
        <source>Level 3 (hard)</source>
        <translation>3 级（困难）</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Empathy</source>
        <translation>共情</translation>
    </message>
    <message>
        <source>Wording</source>
        <translation>用语</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>语速</translation>
    </message>
    <message>
        <source>Empathy in the first reply</source>
        <translation>开场先共情</translation>
    </message>
    <message>
        <source>Feelings acknowledged while hostile</source>
        <translation>客户激动时回应情绪</translation>
    </message>
    <message>
        <source>Restated and confirmed</source>
        <translation>复述并确认问题</translation>
    </message>
    <message>
        <source>Cause explained</source>
        <translation>说明原因</translation>
    </message>
    <message>
        <source>A remedy policy allows</source>
        <translation>政策允许的解决办法</translation>
    </message>
    <message>
        <source>Ownership and a time</source>
        <translation>明确负责人和时间</translation>
    </message>
    <message>
        <source>Loop closed</source>
        <translation>总结致谢，闭环收尾</translation>
    </message>
    <message>
        <source>Clean wording</source>
        <translation>用语得当</translation>
    </message>
    <message>
        <source>Pace in band</source>
        <translation>语速适中</translation>
    </message>
    <message>
        <source>First response in time</source>
        <translation>首次响应及时</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>通话结果</translation>
    </message>
    <message>
        <source>acknowledge the feeling</source>
        <translation>回应情绪</translation>
    </message>
    <message>
        <source>restate and confirm</source>
        <translation>复述确认</translation>
    </message>
    <message>
        <source>the cause</source>
        <translation>说明原因</translation>
    </message>
    <message>
        <source>a policy remedy</source>
        <translation>政策内的办法</translation>
    </message>
    <message>
        <source>ownership</source>
        <translation>主动承担</translation>
    </message>
    <message>
        <source>a time</source>
        <translation>明确时间</translation>
    </message>
    <message>
        <source>close the loop</source>
        <translation>总结收尾</translation>
    </message>
    <message>
        <source>a holding phrase</source>
        <translation>请客户稍候</translation>
    </message>
    <message>
        <source>acknowledge</source>
        <translation>安抚</translation>
    </message>
    <message>
        <source>restate</source>
        <translation>复述</translation>
    </message>
    <message>
        <source>cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>solution</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>收尾</translation>
    </message>
    <message>
        <source>Calm</source>
        <translation>平静</translation>
    </message>
    <message>
        <source>Tense</source>
        <translation>紧张</translation>
    </message>
    <message>
        <source>Hostile</source>
        <translation>敌对</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Escalated to a manager</source>
        <translation>升级至主管</translation>
    </message>
    <message>
        <source>Ended without a resolution</source>
        <translation>未解决即结束</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>The customer asked for a manager.</source>
        <translation>客户要求转接主管。</translation>
    </message>
    <message>
        <source>A solution and a next step were agreed with a calm customer.</source>
        <translation>客户情绪平复，双方商定了方案和后续安排。</translation>
    </message>
    <message>
        <source>The customer gave up after repeated silence.</source>
        <translation>多次冷场后，客户放弃了。</translation>
    </message>
    <message>
        <source>The call ran out of turns without a resolution.</source>
        <translation>多轮对话后仍未解决，通话结束。</translation>
    </message>
    <message>
        <source>You hung up.</source>
        <translation>你挂断了电话。</translation>
    </message>
    <message>
        <source>Interrupted: the window was closed mid-call.</source>
        <translation>通话中断：通话中关闭了窗口。</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>A good first call: an easy level to start with.</source>
        <translation>适合第一次练习：从简单级别开始。</translation>
    </message>
    <message>
        <source>You passed level {passed}: next level, practising {dimension}.</source>
        <translation>你已通过 {passed} 级：进入下一级，重点练习{dimension}。</translation>
    </message>
    <message>
        <source>Practise your weakest area: {dimension}.</source>
        <translation>练习你最薄弱的方面：{dimension}。</translation>
    </message>
    <message>
        <source>American English</source>
        <translation>美式英语</translation>
    </message>
    <message>
        <source>American English (New York)</source>
        <translation>美式英语（纽约口音）</translation>
    </message>
    <message>
        <source>British English</source>
        <translation>英式英语</translation>
    </message>
    <message>
        <source>British English (Received Pronunciation)</source>
        <translation>英式英语（标准音）</translation>
    </message>
    <message>
        <source>Scottish English</source>
        <translation>苏格兰英语</translation>
    </message>
    <message>
        <source>Northern English (Lancaster)</source>
        <translation>英格兰北部英语（兰开斯特）</translation>
    </message>
    <message>
        <source>English (West Midlands)</source>
        <translation>英语（西米德兰兹口音）</translation>
    </message>
    <message>
        <source>Caribbean English</source>
        <translation>加勒比英语</translation>
    </message>
    <message>
        <source>Mandarin Chinese</source>
        <translation>普通话</translation>
    </message>
    <message>
        <source>Mandarin Chinese (reads Pinyin)</source>
        <translation>普通话（读拼音）</translation>
    </message>
    <message>
        <source>Cantonese</source>
        <translation>粤语</translation>
    </message>
    <message>
        <source>Hakka</source>
        <translation>客家话</translation>
    </message>
    <message>
        <source>words/min</source>
        <translation>词/分钟</translation>
    </message>
    <message>
        <source>chars/min</source>
        <translation>字/分钟</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Mic</source>
        <translation>麦克风</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Loading the scenario library…</source>
        <translation>正在加载情景库……</translation>
    </message>
    <message>
        <source>Recommended next: {title}</source>
        <translation>推荐下一个：{title}</translation>
    </message>
    <message>
        <source>{shown} of {count} scenarios; {bad} file(s) could not be loaded and were skipped.</source>
        <translation>显示 {shown} / {count} 个情景；{bad} 个文件无法加载，已跳过。</translation>
    </message>
    <message>
        <source>{shown} of {count} scenarios match the filters. Pick one to read its case file.</source>
        <translation>{count} 个情景中有 {shown} 个符合筛选条件。选择一个查看案件档案。</translation>
    </message>
    <message>
        <source>Scenario library</source>
        <translation>情景库</translation>
    </message>
    <message>
        <source>Emotion:</source>
        <translation>情绪：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Difficulty:</source>
        <translation>难度：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>All emotions</source>
        <translation>全部情绪</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>全部难度</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <source>Open its case file</source>
        <translation>查看案件档案</translation>
    </message>
    <message>
        <source>No scenario matches these filters.</source>
        <translation>没有符合筛选条件的情景。</translation>
    </message>
    <message>
        <source>{count} scenarios. Pick one to read its case file.</source>
        <translation>共 {count} 个情景。选择一个查看案件档案。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading the scenario library…</source>
        <translation>正在加载情景库……</translation>
    </message>
    <message>
        <source>The scenario library could not be loaded: {error}</source>
        <translation>无法加载情景库：{error}</translation>
    </message>
    <message>
        <source>That session&apos;s scenario is no longer in the library.</source>
        <translation>该会话对应的情景已不在情景库中。</translation>
    </message>
    <message>
        <source>Loading the recording…</source>
        <translation>正在加载录音……</translation>
    </message>
    <message>
        <source>This reply has no recording.</source>
        <translation>这条回复没有录音。</translation>
    </message>
    <message>
        <source>The reply could not be played: {why}</source>
        <translation>无法播放这条回复：{why}</translation>
    </message>
    <message>
        <source>Preparing the model answer…</source>
        <translation>正在准备参考答案……</translation>
    </message>
    <message>
        <source>The trainer workspace needs storage, which is not available.</source>
        <translation>教练工作台需要存储，但当前无法使用存储。</translation>
    </message>
    <message>
        <source>End the call?</source>
        <translation>结束通话？</translation>
    </message>
    <message>
        <source>A call is in progress. Close the window and end it? The replies so far are kept as an interrupted session; the call cannot be continued later.</source>
        <translation>正在通话中。要关闭窗口并结束通话吗？已说的回复会作为“中断”的练习记录保存，之后无法继续这通电话。</translation>
    </message>
    <message>
        <source>End the call and close</source>
        <translation>结束通话并关闭</translation>
    </message>
    <message>
        <source>Keep practising</source>
        <translation>继续练习</translation>
    </message>
    <message>
        <source>Role-Play Trainer (Call Practice)</source>
        <translation>客服情景演练</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>情景库</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>我的进步</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Switch trainee</source>
        <translation>切换学员</translation>
    </message>
    <message>
        <source>Trainer workspace</source>
        <translation>教练工作台</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Typed replies only (no voice)</source>
        <translation>仅限文字回复（无语音）</translation>
    </message>
    <message>
        <source>Sessions are not saved (no storage)</source>
        <translation>会话不会保存（无存储）</translation>
    </message>
</context>
<context>
    <name>ModelAnswerDialog</name>
    <message>
        <source>Preparing the voices…</source>
        <translation>正在生成语音……</translation>
    </message>
    <message>
        <source>Playing: the customer&apos;s last words</source>
        <translation>正在播放：客户的最后一句</translation>
    </message>
    <message>
        <source>Playing: the agent&apos;s reply {n}</source>
        <translation>正在播放：坐席的第 {n} 句回复</translation>
    </message>
    <message>
        <source>Playing: the customer, before reply {n}</source>
        <translation>正在播放：客户（第 {n} 句回复之前）</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>播放完毕。</translation>
    </message>
    <message>
        <source>The model answer could not be played ({error}); read it here.</source>
        <translation>参考答案无法播放（{error}），请在此阅读。</translation>
    </message>
    <message>
        <source>Model answer: {title}</source>
        <translation>参考答案：{title}</translation>
    </message>
    <message>
        <source>What an excellent agent says in this call. Call score: {score}/100</source>
        <translation>优秀坐席在这通电话里会这样说。整通得分：{score}/100</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Hear it</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Voice is not available: read the model answer here.</source>
        <translation>语音不可用：请在此阅读参考答案。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>The call, item by item</source>
        <translation>逐项评分</translation>
    </message>
</context>
<context>
    <name>ModelAnswerPlayer</name>
    <message>
        <source>Preparing the model answer…</source>
        <translation>正在准备参考答案……</translation>
    </message>
</context>
<context>
    <name>PaceMeter</name>
    <message>
        <source>Pace</source>
        <translation>语速</translation>
    </message>
    <message>
        <source>band {low:.0f}–{high:.0f} {unit}</source>
        <translation>标准 {low:.0f}–{high:.0f} {unit}</translation>
    </message>
    <message>
        <source>{rate:.0f} ({band})</source>
        <translation>{rate:.0f}（{band}）</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Who is practising today?</source>
        <translation>今天由谁练习？</translation>
    </message>
    <message>
        <source>Practise difficult customer calls and get feedback after every reply.</source>
        <translation>练习应对难缠的客户来电，每次回复后都有反馈。</translation>
    </message>
    <message>
        <source>Loading profiles…</source>
        <translation>正在加载学员档案……</translation>
    </message>
    <message>
        <source>Pick your profile to see your scores and recommendations.</source>
        <translation>选择你的档案，查看成绩和推荐。</translation>
    </message>
    <message>
        <source>No profiles yet: create yours below.</source>
        <translation>还没有学员档案：请在下方创建。</translation>
    </message>
    <message>
        <source>Storage is not available in this build: profiles, sessions and progress cannot be saved. You can still practise as a guest; reports are shown but not kept.</source>
        <translation>此版本无法使用存储：学员档案、会话和进步记录都无法保存。你仍可以访客身份练习；报告会显示，但不会保留。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Practise as a guest</source>
        <translation>以访客身份练习</translation>
    </message>
    <message>
        <source>New trainee:</source>
        <translation>新学员：</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Create profile</source>
        <translation>创建档案</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>我的进步</translation>
    </message>
    <message>
        <source>Open the report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>Progress needs storage, which is not available in this build: sessions are not kept.</source>
        <translation>进步记录需要存储，此版本无法使用存储：会话不会保留。</translation>
    </message>
    <message>
        <source>No sessions yet. Your scores will appear here after your first call.</source>
        <translation>还没有会话记录。完成第一次通话后，成绩会显示在这里。</translation>
    </message>
    <message>
        <source>{count} sessions; average score {average}/100. Double-click a session to open its report.</source>
        <translation>共 {count} 次会话；平均分 {average}/100。双击会话可打开报告。</translation>
    </message>
</context>
<context>
    <name>ReplayView</name>
    <message>
        <source>was {original}</source>
        <translation>原 {original}</translation>
    </message>
    <message>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} 秒</translation>
    </message>
    <message>
        <source>Reply {n}: {scores}. Response time {latency}; pace {pace}; customer {mood}, intensity {before} → {after}.</source>
        <translation>第 {n} 次回复：{scores}。响应时间 {latency}；语速 {pace}；客户{mood}，强度 {before} → {after}。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>(silence)</source>
        <translation>（沉默）</translation>
    </message>
    <message>
        <source>Some of the recording cannot be played; the transcript still follows the replay. ({detail})</source>
        <translation>部分录音无法播放，文字记录仍会随回放推进。（{detail}）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>语速</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>情绪</translation>
    </message>
    <message>
        <source>{seconds:.1f} s</source>
        <translation>{seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>{rate:.0f} {unit}</source>
        <translation>{rate:.0f} {unit}</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>Reply {n}</source>
        <translation>第 {n} 次回复</translation>
    </message>
    <message>
        <source>{new} (was {original})</source>
        <translation>{new}（原 {original}）</translation>
    </message>
    <message>
        <source>Reply {n}, {dimension}: {original} → {new} ({author}): {reason}</source>
        <translation>第 {n} 次回复，{dimension}：{original} → {new}（{author}）：{reason}</translation>
    </message>
    <message>
        <source>Trainer&apos;s review (the original scores stay as they were)</source>
        <translation>教练点评（原始评分保持不变）</translation>
    </message>
    <message>
        <source>Playing…</source>
        <translation>正在播放…</translation>
    </message>
    <message>
        <source>reply {n}</source>
        <translation>第 {n} 句</translation>
    </message>
    <message>
        <source>Capped at {cap}: no remedy the policy allows was firmly offered, and a call without a solution cannot pass.</source>
        <translation>上限 {cap} 分：没有明确提出政策允许的解决办法，没有解决方案的通话不能合格。</translation>
    </message>
    <message>
        <source>Capped at {cap}: blaming, dismissive or arguing wording fails a call.</source>
        <translation>上限 {cap} 分：指责、推诿或争辩的用语会使整通电话不合格。</translation>
    </message>
    <message>
        <source>Raised to {floor}: every line was answered civilly, which ranks above any call that blames.</source>
        <translation>提高到 {floor} 分：每句都作了礼貌回应，排在任何有指责的通话之上。</translation>
    </message>
    <message>
        <source>Call report</source>
        <translation>通话报告</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Top three tips</source>
        <translation>三条改进建议</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>Play my reply</source>
        <translation>播放我的回复</translation>
    </message>
    <message>
        <source>Capped at {cap}: stock phrases, jargon, vague promises or a sales pitch in three replies or more make a mechanical call, which cannot pass.</source>
        <translation>上限 {cap} 分：三句及以上回复用了套话、内部术语、含糊承诺或推销，属于机械应答，整通电话不能合格。</translation>
    </message>
    <message>
        <source>Available for spoken replies</source>
        <translation>语音回复可回放</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再练一次</translation>
    </message>
    <message>
        <source>Next recommended</source>
        <translation>下一个推荐</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>返回情景库</translation>
    </message>
    <message>
        <source>Saved to your history</source>
        <translation>已保存到你的记录</translation>
    </message>
    <message>
        <source>Not saved (no storage)</source>
        <translation>未保存（无存储）</translation>
    </message>
    <message>
        <source>not measured (typed replies)</source>
        <translation>未测量（文字回复）</translation>
    </message>
    <message>
        <source>no replies</source>
        <translation>无回复</translation>
    </message>
    <message>
        <source>You hung up before replying: nothing was scored or saved.</source>
        <translation>您在回复前就挂断了：没有评分，也没有保存。</translation>
    </message>
    <message>
        <source>Hear a model answer</source>
        <translation>听参考答案</translation>
    </message>
    <message>
        <source>Overall: {score}/100</source>
        <translation>总分：{score}/100</translation>
    </message>
    <message>
        <source>Call score: {score}/100</source>
        <translation>整通得分：{score}/100</translation>
    </message>
    <message>
        <source>Outcome: {outcome}. {reason}</source>
        <translation>结果：{outcome}。{reason}</translation>
    </message>
</context>
<context>
    <name>ScenarioCard</name>
    <message>
        <source>★ Recommended next</source>
        <translation>★ 推荐下一个</translation>
    </message>
    <message>
        <source>Not played yet</source>
        <translation>尚未练习</translation>
    </message>
    <message>
        <source>Your best: {score}</source>
        <translation>最高分：{score}</translation>
    </message>
    <message>
        <source>Open briefing</source>
        <translation>查看案情</translation>
    </message>
</context>
<context>
    <name>ScenarioScoreChart</name>
    <message>
        <source>Average score by scenario and difficulty</source>
        <translation>各情景、各难度的平均分</translation>
    </message>
</context>
<context>
    <name>SessionPdf</name>
    <message>
        <source>Trainer</source>
        <translation>教练</translation>
    </message>
    <message>
        <source>Session report</source>
        <translation>会话报告</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Good example</source>
        <translation>优秀案例</translation>
    </message>
    <message>
        <source>Bad example</source>
        <translation>反面案例</translation>
    </message>
    <message>
        <source>Team training</source>
        <translation>团队培训</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Turn</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Average of the replies (with overrides)</source>
        <translation>各句平均分（含教练修改）</translation>
    </message>
    <message>
        <source>Call score (scorer)</source>
        <translation>整通得分（系统评分）</translation>
    </message>
    <message>
        <source>Average score (scorer)</source>
        <translation>平均分（系统评分）</translation>
    </message>
    <message>
        <source>The call, item by item</source>
        <translation>逐项评分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>评分项</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Words and tip</source>
        <translation>依据与建议</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>Speaking rate</source>
        <translation>实测语速</translation>
    </message>
    <message>
        <source>* changed by a trainer (the scorer&apos;s number in brackets); the reasons are under Score overrides.</source>
        <translation>* 教练改过的分数（括号内为系统原分）；理由见“教练改分”。</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>Customer emotion</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>Intensity 0-100 after each turn; the shaded band is high intensity.</source>
        <translation>每轮之后的情绪强度（0–100）；阴影区为高强度。</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>转写</translation>
    </message>
    <message>
        <source>Turn {n}</source>
        <translation>第 {n} 轮</translation>
    </message>
    <message>
        <source>intensity {before} → {after}</source>
        <translation>强度 {before} → {after}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>(silence)</source>
        <translation>（沉默）</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Score overrides</source>
        <translation>教练改分</translation>
    </message>
    <message>
        <source>Turn {n}, {dimension}: {original} → {new} by {author}: {reason}</source>
        <translation>第 {n} 轮，{dimension}：{original} → {new}，{author}：{reason}</translation>
    </message>
    <message>
        <source>The PDF could not be written.</source>
        <translation>无法写入 PDF 文件。</translation>
    </message>
</context>
<context>
    <name>SessionReviewPage</name>
    <message>
        <source>Loading the session…</source>
        <translation>正在加载会话……</translation>
    </message>
    <message>
        <source>The recordings could not be loaded: {error}</source>
        <translation>无法加载录音：{error}</translation>
    </message>
    <message>
        <source>This session belongs to another trainee: you can open only your own.</source>
        <translation>这是其他学员的会话：你只能打开自己的会话。</translation>
    </message>
    <message>
        <source>Only a signed-in trainer can do this.</source>
        <translation>只有已登录的教练才能进行此操作。</translation>
    </message>
    <message>
        <source>That did not work: {error}</source>
        <translation>操作未成功：{error}</translation>
    </message>
    <message>
        <source>← Sessions</source>
        <translation>← 会话列表</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF……</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>点评</translation>
    </message>
    <message>
        <source>Override:</source>
        <translation>改分：</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
    <message>
        <source>Comment on:</source>
        <translation>点评对象：</translation>
    </message>
    <message>
        <source>at second</source>
        <translation>时间点（秒）</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>点评：</translation>
    </message>
    <message>
        <source>Team training:</source>
        <translation>团队培训：</translation>
    </message>
    <message>
        <source>Save the override</source>
        <translation>保存改分</translation>
    </message>
    <message>
        <source>Add the comment</source>
        <translation>添加点评</translation>
    </message>
    <message>
        <source>Save the mark</source>
        <translation>保存标记</translation>
    </message>
    <message>
        <source>Why the automatic score is wrong</source>
        <translation>自动评分为何不准确</translation>
    </message>
    <message>
        <source>What the team should learn from it</source>
        <translation>团队可以从中学到什么</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>点评</translation>
    </message>
    <message>
        <source>Score overrides (the original stays)</source>
        <translation>教练改分（原分保留）</translation>
    </message>
    <message>
        <source>Reply {n}</source>
        <translation>第 {n} 次回复</translation>
    </message>
    <message>
        <source>the whole call</source>
        <translation>整通电话</translation>
    </message>
    <message>
        <source>Not an example</source>
        <translation>不作为案例</translation>
    </message>
    <message>
        <source>Good example</source>
        <translation>优秀案例</translation>
    </message>
    <message>
        <source>Bad example</source>
        <translation>反面案例</translation>
    </message>
    <message>
        <source>{new} (was {original})</source>
        <translation>{new}（原 {original}）</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Session of {trainee}</source>
        <translation>{trainee} 的会话</translation>
    </message>
    <message>
        <source>good example</source>
        <translation>优秀案例</translation>
    </message>
    <message>
        <source>bad example</source>
        <translation>反面案例</translation>
    </message>
    <message>
        <source>{date} · {outcome} · call score {call} · replies&apos; average {score} (with overrides)</source>
        <translation>{date} · {outcome} · 整通得分 {call} · 各句平均 {score}（含教练修改）</translation>
    </message>
    <message>
        <source>whole call</source>
        <translation>整通电话</translation>
    </message>
    <message>
        <source>reply {n}</source>
        <translation>第 {n} 次回复</translation>
    </message>
    <message>
        <source>Reply {n}, {dimension}: {original} → {new} ({author}): {reason}</source>
        <translation>第 {n} 次回复，{dimension}：{original} → {new}（{author}）：{reason}</translation>
    </message>
    <message>
        <source>An override needs a reason: say why the automatic score is wrong.</source>
        <translation>改分需要填写理由：请说明自动评分为何不准确。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>Write the comment first.</source>
        <translation>请先填写点评内容。</translation>
    </message>
    <message>
        <source>Export the session as PDF</source>
        <translation>将会话导出为 PDF</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF……</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
</context>
<context>
    <name>SessionsBrowser</name>
    <message>
        <source>All trainees</source>
        <translation>全部学员</translation>
    </message>
    <message>
        <source>All scenarios</source>
        <translation>全部情景</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>My sessions</source>
        <translation>我的会话</translation>
    </message>
    <message>
        <source>Trainee:</source>
        <translation>学员：</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>情景：</translation>
    </message>
    <message>
        <source>Emotion:</source>
        <translation>情绪：</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>截止：</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>得分：</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation>案例：</translation>
    </message>
    <message>
        <source>All emotions</source>
        <translation>全部情绪</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>全部会话</translation>
    </message>
    <message>
        <source>Good examples</source>
        <translation>优秀案例</translation>
    </message>
    <message>
        <source>Bad examples</source>
        <translation>反面案例</translation>
    </message>
    <message>
        <source>on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Apply filters</source>
        <translation>应用筛选</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Open the session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV……</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON……</translation>
    </message>
    <message>
        <source>The lowest score is above the highest: change one of them.</source>
        <translation>最低分高于最高分：请修改其中一个。</translation>
    </message>
    <message>
        <source>The start date is after the end date: change one of them.</source>
        <translation>起始日期晚于截止日期：请修改其中一个。</translation>
    </message>
    <message>
        <source>Loading sessions…</source>
        <translation>正在加载会话……</translation>
    </message>
    <message>
        <source>{count} sessions. Double-click one to review it.</source>
        <translation>共 {count} 次会话。双击一条即可点评。</translation>
    </message>
    <message>
        <source>No session matches these filters.</source>
        <translation>没有符合筛选条件的会话。</translation>
    </message>
    <message>
        <source>The sessions could not be loaded: {error}</source>
        <translation>无法加载会话：{error}</translation>
    </message>
    <message>
        <source>Select a session first.</source>
        <translation>请先选择一条会话。</translation>
    </message>
    <message>
        <source>Export the sessions shown (one row per turn)</source>
        <translation>导出当前显示的会话（每轮一行）</translation>
    </message>
    <message>
        <source>Export the sessions shown, with review and audio</source>
        <translation>导出当前显示的会话（含点评和录音）</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <source>Exported {count} turns.</source>
        <translation>已导出 {count} 轮对话。</translation>
    </message>
    <message>
        <source>Exported {count} sessions.</source>
        <translation>已导出 {count} 次会话。</translation>
    </message>
    <message>
        <source>The export failed, nothing was written: {error}</source>
        <translation>导出失败，未写入任何内容：{error}</translation>
    </message>
</context>
<context>
    <name>SessionsTableModel</name>
    <message>
        <source>Loading sessions…</source>
        <translation>正在加载会话……</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>难度</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>反面</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>Listing audio devices…</source>
        <translation>正在列出音频设备……</translation>
    </message>
    <message>
        <source>Listing voices…</source>
        <translation>正在列出语音……</translation>
    </message>
    <message>
        <source>The settings could not be saved: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <source>The settings file {file} could not be read, so the defaults are used and changes are not saved. Correct or remove the file, then restart the app.</source>
        <translation>无法读取设置文件 {file}，因此正在使用默认设置，所做的更改不会保存。请修正或删除该文件，然后重新启动应用。</translation>
    </message>
    <message>
        <source>Speak: the bar should move.</source>
        <translation>请说话：音量条应该会跳动。</translation>
    </message>
    <message>
        <source>Preparing the voice…</source>
        <translation>正在准备语音……</translation>
    </message>
    <message>
        <source>Playing… you should hear a short sentence.</source>
        <translation>正在播放……您应该能听到一句话。</translation>
    </message>
    <message>
        <source>Played. Did you hear it? If not, choose other speakers.</source>
        <translation>播放完毕。听到了吗？如果没有，请换一个扬声器。</translation>
    </message>
    <message>
        <source>Importing the recognition model…</source>
        <translation>正在导入识别模型……</translation>
    </message>
    <message>
        <source>Installed: {what}</source>
        <translation>已安装：{what}</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Choose a model zip file</source>
        <translation>选择模型压缩包</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}……</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Voice is not available in this build: the customer&apos;s lines are shown as text and replies are typed. Audio settings are disabled.</source>
        <translation>此版本无法使用语音：客户的话以文字显示，回复需手动输入。音频设置已停用。</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Stop the test</source>
        <translation>停止测试</translation>
    </message>
    <message>
        <source>Test the microphone</source>
        <translation>测试麦克风</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Test the speakers</source>
        <translation>测试扬声器</translation>
    </message>
    <message>
        <source>The customer&apos;s voice</source>
        <translation>客户的声音</translation>
    </message>
    <message>
        <source>Hear it</source>
        <translation>试听</translation>
    </message>
    <message>
        <source>{language}:</source>
        <translation>{language}：</translation>
    </message>
    <message>
        <source>Speech recognition</source>
        <translation>语音识别</translation>
    </message>
    <message>
        <source>{language}: not available (typed replies)</source>
        <translation>{language}：不可用（文字回复）</translation>
    </message>
    <message>
        <source>{language}: {engine}</source>
        <translation>{language}：{engine}</translation>
    </message>
    <message>
        <source>{language}: no model (typed replies); import one below</source>
        <translation>{language}：没有模型（文字回复）；可在下方导入</translation>
    </message>
    <message>
        <source>Language: from the model</source>
        <translation>语言：按模型识别</translation>
    </message>
    <message>
        <source>Import model (zip)…</source>
        <translation>导入模型（压缩包）……</translation>
    </message>
    <message>
        <source>Import model (folder)…</source>
        <translation>导入模型（文件夹）……</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>A spoken reply ends after this much silence:</source>
        <translation>静音多久后视为回复结束：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Language of the interface:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Settings file:</source>
        <translation>设置文件：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Sessions:</source>
        <translation>会话：</translation>
    </message>
    <message>
        <source>not saved (no storage in this build)</source>
        <translation>不保存（此版本无存储）</translation>
    </message>
    <message>
        <source>on the call centre&apos;s database server {server}</source>
        <translation>在呼叫中心的数据库服务器 {server} 上</translation>
    </message>
    <message>
        <source>on this computer, in {path}</source>
        <translation>在本机：{path}</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Loading the team figures…</source>
        <translation>正在加载团队数据……</translation>
    </message>
    <message>
        <source>That did not work: {error}</source>
        <translation>操作未成功：{error}</translation>
    </message>
    <message>
        <source>no high-intensity turns</source>
        <translation>没有高强度情绪的轮次</translation>
    </message>
    <message>
        <source>meets the target</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>below the target</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>{rate} of {turns} high-intensity turns ({verdict})</source>
        <translation>{turns} 个高强度轮次中的 {rate}（{verdict}）</translation>
    </message>
    <message>
        <source>Scorer vs trainer: no score overridden yet.</source>
        <translation>系统评分与教练评分：尚无被修改的评分。</translation>
    </message>
    <message>
        <source>{dimension} {share} of replies ({change:+.0f} on average)</source>
        <translation>{dimension}：{share} 的回复（平均 {change:+.0f} 分）</translation>
    </message>
    <message>
        <source>Scorer vs trainer: overridden {list}.</source>
        <translation>系统评分与教练评分：被修改的有 {list}。</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Delete trainee and recordings…</source>
        <translation>删除学员及其录音……</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Intervention rate (target 80 %)</source>
        <translation>负面情绪干预率（目标 80 %）</translation>
    </message>
    <message>
        <source>Weakest item</source>
        <translation>最薄弱项</translation>
    </message>
    <message>
        <source>Negative-emotion intervention rate, whole team: {text}.</source>
        <translation>全团队负面情绪干预率：{text}。</translation>
    </message>
    <message>
        <source>Select a trainee first.</source>
        <translation>请先选择一名学员。</translation>
    </message>
    <message>
        <source>Delete a trainee</source>
        <translation>删除学员</translation>
    </message>
    <message>
        <source>Delete {name}, their {count} sessions and every recording of their calls? This cannot be undone.</source>
        <translation>删除 {name}、其 {count} 次练习记录以及全部通话录音？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>未删除任何内容。</translation>
    </message>
    <message>
        <source>Deleted {name} with {count} sessions.</source>
        <translation>已删除 {name} 及其 {count} 次会话。</translation>
    </message>
</context>
<context>
    <name>TraineeHistory</name>
    <message>
        <source>Loading trainees…</source>
        <translation>正在加载学员……</translation>
    </message>
    <message>
        <source>Creating the profile…</source>
        <translation>正在创建档案……</translation>
    </message>
    <message>
        <source>Loading your history…</source>
        <translation>正在加载你的记录……</translation>
    </message>
    <message>
        <source>Opening the session…</source>
        <translation>正在打开会话……</translation>
    </message>
    <message>
        <source>Storage error: {error}</source>
        <translation>存储错误：{error}</translation>
    </message>
</context>
<context>
    <name>TraineePinDialog</name>
    <message>
        <source>Your PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Choose your PIN</source>
        <translation>设定你的 PIN 码</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>输入你的 PIN 码</translation>
    </message>
    <message>
        <source>Each profile here is kept with a PIN, so only you can open yours. Choose 4 to 8 digits and type them twice; you will give them each time you pick your profile.</source>
        <translation>这里的每个档案都用 PIN 码保护，只有你能打开自己的档案。请设定 4 至 8 位数字并输入两次；以后每次选择自己的档案时都需要输入。</translation>
    </message>
    <message>
        <source>Forgot it? A trainer or IT can clear it, and you then choose a new one.</source>
        <translation>忘记了？培训师或 IT 可以清除它，之后你再设定新的 PIN 码。</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <source>Repeat the PIN:</source>
        <translation>再次输入 PIN 码：</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>PIN 码须为 4 至 8 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ: type them again.</source>
        <translation>两次输入的 PIN 码不一致：请重新输入。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证……</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>正在验证 PIN 码……</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in {seconds} s.</source>
        <translation>PIN 码错误次数过多：请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>A PIN has been chosen for this profile meanwhile: enter it.</source>
        <translation>此档案刚刚已设定了 PIN 码：请输入该 PIN 码。</translation>
    </message>
    <message>
        <source>The PIN could not be checked: the database did not answer. Try again.</source>
        <translation>无法验证 PIN 码：数据库没有响应。请重试。</translation>
    </message>
</context>
<context>
    <name>TraineePinGate</name>
    <message>
        <source>Opening the profile…</source>
        <translation>正在打开档案……</translation>
    </message>
    <message>
        <source>Your profile could not be opened: the database did not answer. Try again.</source>
        <translation>无法打开你的档案：数据库没有响应。请重试。</translation>
    </message>
</context>
<context>
    <name>TraineeTrendChart</name>
    <message>
        <source>Scores of {trainee}</source>
        <translation>{trainee} 的成绩</translation>
    </message>
</context>
<context>
    <name>TrainerLoginDialog</name>
    <message>
        <source>Checking trainer accounts…</source>
        <translation>正在检查教练账号……</translation>
    </message>
    <message>
        <source>Trainer sign-in</source>
        <translation>教练登录</translation>
    </message>
    <message>
        <source>Set the first trainer password</source>
        <translation>设置第一位教练的密码</translation>
    </message>
    <message>
        <source>There is no trainer account yet, and at this centre IT creates them. Ask IT to run: roleplay trainers add YOUR-NAME</source>
        <translation>还没有培训师账号，本中心的培训师账号由 IT 创建。请让 IT 运行：roleplay trainers add 您的名字</translation>
    </message>
    <message>
        <source>No trainer has a password yet. Choose your name and a password of at least 8 characters: it is never stored as written, so no one can read it back.</source>
        <translation>还没有教练设置密码。请选择您的名字并设置至少 8 位的密码：密码不会以原文保存，任何人都无法读取。</translation>
    </message>
    <message>
        <source>Reviewing other trainees&apos; sessions, overriding scores, exports and deleting data need a trainer&apos;s password.</source>
        <translation>查看其他学员的会话、改分、导出和删除数据都需要教练密码。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat the password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The two passwords differ: type them again.</source>
        <translation>两次输入的密码不一致：请重新输入。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证……</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>正在验证密码……</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>姓名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed attempts: try again in {seconds} s.</source>
        <translation>失败次数过多：请在 {seconds} 秒后重试。</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters and no spaces at either end.</source>
        <translation>密码至少需要 8 个字符，且首尾不能有空格。</translation>
    </message>
    <message>
        <source>A trainer password has been set meanwhile: sign in with it.</source>
        <translation>已有教练设置了密码：请用该密码登录。</translation>
    </message>
    <message>
        <source>Signing in failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
</context>
<context>
    <name>TrainerWindow</name>
    <message>
        <source>Trainer workspace</source>
        <translation>教练工作台</translation>
    </message>
    <message>
        <source>My sessions</source>
        <translation>我的会话</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Trainer: {name}</source>
        <translation>教练：{name}</translation>
    </message>
    <message>
        <source>Trainee: {name}</source>
        <translation>学员：{name}</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>empathy</source>
        <translation>共情</translation>
    </message>
    <message>
        <source>forbidden wording</source>
        <translation>禁用语</translation>
    </message>
    <message>
        <source>filler</source>
        <translation>口头禅</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>(silence)</source>
        <translation>（沉默）</translation>
    </message>
    <message>
        <source>Turn {n}</source>
        <translation>第 {n} 轮</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>My scores over my sessions</source>
        <translation>我历次会话的得分</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
</context>
</TS>
