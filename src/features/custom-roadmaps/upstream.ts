/**
 * A fork and its source: which topics changed upstream since the fork last took them, and pulling
 * chosen ones into the fork's draft. The comparison is between the source's topic files now and as
 * the fork last took them (kept in `upstream_files`), so the fork's own edits never count as
 * upstream changes and a pulled topic stops showing until the source changes it again.
 */
import { roadmapPath } from '../../catalog/catalog-entry.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import { applyStructureEdit, StructureEditError } from '../../content/structure-edits.js';
import { rebaseLinks } from '../../content/structure-links.js';
import { outlineOf } from '../../content/structure-outline.js';
import { AppError, type FileIssue } from '../../errors.js';
import { topicFilesOf, type CustomRoadmapService, type Draft } from './custom-roadmap-service.js';
import type { SourceFiles } from './roadmap-source.js';

export type UpstreamChange = { topicId: string; title: string; change: 'changed' | 'added' | 'removed' };

export interface Upstream {
  source: { id: string; title: string; version: number; url: string; forkedAtVersion: number | null } | null;
  changes: UpstreamChange[];
}

const topicIdOf = (name: string) => name.slice('topics/'.length, -'.md'.length);

function titleIn(roadmap: Roadmap | null, files: SourceFiles, id: string): string {
  const fromRoadmap = roadmap?.topics.get(id)?.title;
  if (fromRoadmap) return fromRoadmap;
  return /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(files[`topics/${id}.md`] ?? '')?.[1] ?? id;
}

export class UpstreamService {
  constructor(private readonly roadmaps: CustomRoadmapService) {}

  async changes(userId: string, id: string): Promise<Upstream> {
    const found = await this.compare(userId, id);
    if (!found) return { source: null, changes: [] };
    return { source: found.source, changes: found.changes };
  }

  /** Pulls the chosen upstream changes into the draft (made from the published files when there is none); the owner publishes it. */
  async pull(userId: string, id: string, topicIds: string[]): Promise<Draft & { issues: FileIssue[] }> {
    const found = await this.compare(userId, id);
    if (!found) throw new AppError('not_found', 'This roadmap is not a fork of a roadmap you can see, so there is nothing to pull.');
    const wanted = new Set(topicIds);
    const picked = found.changes.filter((c) => wanted.has(c.topicId));
    const unknown = topicIds.filter((t) => !picked.some((c) => c.topicId === t));
    if (unknown.length > 0) throw new AppError('invalid_input', `These topics have no upstream change to pull: ${unknown.join(', ')}.`);

    const row = await this.roadmaps.owned(userId, id);
    const draft = await this.roadmaps.draft(userId, id);
    let files: SourceFiles = draft ? draft.files : await this.roadmaps.currentFiles(row);
    const baseVersion = draft ? draft.baseVersion : row.current_version;
    const taken = { ...found.taken };
    for (const change of picked) {
      const name = `topics/${change.topicId}.md`;
      const text = found.now[name] === undefined ? undefined : rebaseLinks({ [name]: found.now[name]! }, found.sourceRoadmap.path, `/r/${id}`)[name];
      try {
        files = this.apply(id, files, change, found.sourceRoadmap, text);
      } catch (error) {
        if (error instanceof StructureEditError) throw new AppError('invalid_input', `Could not pull "${change.title}": ${error.message}`);
        throw error;
      }
      if (change.change === 'removed') delete taken[name];
      else taken[name] = found.now[name]!;
    }
    const saved = await this.roadmaps.saveDraft(userId, id, files, baseVersion);
    await this.roadmaps.repository.update(id, { upstream_files: JSON.stringify(taken) });
    return { baseVersion, files, updatedAt: saved.updatedAt, issues: saved.issues };
  }

  private apply(id: string, files: SourceFiles, change: UpstreamChange, source: Roadmap, text: string | undefined): SourceFiles {
    // Links to the fork's own pages (`/r/<id>/…`) follow the edit, as in the editor.
    const options = { roadmapId: `r/${id}` };
    const name = `topics/${change.topicId}.md`;
    const present = outlineOf(files).sections.some((s) =>
      s.topics.some((t) => t.id === change.topicId || t.subtopics.some((u) => u.id === change.topicId)),
    );
    if (change.change === 'removed') return present ? applyStructureEdit(files, { op: 'remove', topicId: change.topicId }, options).files : files;
    if (present) return { ...files, [name]: text! };
    // New to the fork: placed where the source has it, as far as the fork has that place.
    const topic = source.topics.get(change.topicId)!;
    const sections = outlineOf(files).sections;
    const parentHere = topic.parentId && sections.find((s) => s.topics.some((t) => t.id === topic.parentId));
    const sectionId = parentHere ? parentHere.id : (sections.find((s) => s.id === topic.sectionId) ?? sections[0])?.id;
    if (!sectionId) throw new StructureEditError('the fork has no section to put it in', 'unknown-section');
    const added = applyStructureEdit(
      files,
      {
        op: 'add',
        title: topic.title,
        id: topic.id,
        sectionId,
        parentId: parentHere ? topic.parentId : null,
      },
      options,
    ).files;
    return { ...added, [name]: text! };
  }

  private async compare(userId: string, id: string) {
    const row = await this.roadmaps.owned(userId, id);
    if (!row.forked_from_id) return null;
    const source = await this.roadmaps.visible({ userId }, row.forked_from_id).catch(() => undefined);
    if (!source) return null;
    const taken = JSON.parse(row.upstream_files ?? '{}') as SourceFiles;
    const nowFiles = await this.roadmaps.filesOf(source);
    const now = topicFilesOf(nowFiles);
    const names = [...new Set([...Object.keys(taken), ...Object.keys(now)])].sort();
    const changes: UpstreamChange[] = [];
    for (const name of names) {
      if (taken[name] === now[name]) continue;
      const topicId = topicIdOf(name);
      const change = now[name] === undefined ? 'removed' : taken[name] === undefined ? 'added' : 'changed';
      changes.push({ topicId, title: change === 'removed' ? titleIn(null, taken, topicId) : titleIn(source.roadmap, now, topicId), change });
    }
    // In the source's learning order, removed topics last.
    const order = new Map(source.roadmap.order.map((t, i) => [t, i]));
    changes.sort((a, b) => (order.get(a.topicId) ?? 1e9) - (order.get(b.topicId) ?? 1e9) || a.topicId.localeCompare(b.topicId));
    return {
      source: {
        id: source.id,
        title: source.roadmap.meta.title,
        version: source.version,
        url: roadmapPath(source),
        forkedAtVersion: row.forked_from_version,
      },
      changes,
      taken,
      now,
      sourceRoadmap: source.roadmap,
    };
  }
}
