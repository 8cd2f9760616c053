/**
 * Chinese surnames: the common single-character ones (covering the great majority of people) and
 * the compound ones still met with. A person's name is a surname plus one or two characters.
 * @module
 */

const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫严段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陈翟安倪严牛温芦季俞章鲁葛伍申尤毕聂焦向柳邢骆岳齐梅莫庄辛管祝左涂谷祁时舒耿牟卜詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫来苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花艾蓝都巩稽井练仲乐虞卞封竺冼原官衣楚佟栗匡宗应台巫鞠僧桑荆谌银扬明沙薄伏岑习胥保和蔺';

const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '澹台', '端木', '呼延', '南宫', '西门', '独孤'];

const SINGLE_SET = new Set(SINGLE);

/** Length of the surname a string starts with (2 for 欧阳…, 1 for 王…), or 0. */
export function surnameLength(s: string): number {
  if (COMPOUND.some((c) => s.startsWith(c))) return 2;
  return SINGLE_SET.has(s[0] ?? '') ? 1 : 0;
}

/** Whether a string reads as a personal name: a surname plus one or two characters, all Chinese. */
export function looksLikeName(s: string): boolean {
  if (!/^[\u4e00-\u9fff]{2,4}$/.test(s)) return false;
  const n = surnameLength(s);
  return n > 0 && s.length - n >= 1 && s.length - n <= 2;
}
