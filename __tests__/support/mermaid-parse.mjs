// Parses Mermaid charts with Mermaid's own parser (the `mermaid` package) and prints, per chart, what its gantt
// database holds: sections and tasks with their classes and times. Runs as a child process because Mermaid is an
// ES module tree that jest's VM modules load slowly. Input: a JSON array of chart sources on stdin.
import mermaid from 'mermaid'

const decodeEntities = text =>
  text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name) => `&${name};`)

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = []
for (const source of JSON.parse(input)) {
  try {
    await mermaid.parse(source)
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source)
    const db = diagram.db
    results.push({
      ok: true,
      type: diagram.type,
      sections: db.getSections ? db.getSections() : [],
      tasks: db.getTasks().map(task => ({
        name: decodeEntities(task.task),
        section: task.section,
        crit: Boolean(task.crit),
        done: Boolean(task.done),
        active: Boolean(task.active),
        start: task.startTime.getTime(),
        end: task.endTime.getTime()
      }))
    })
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error) })
  }
}
process.stdout.write(JSON.stringify(results))
