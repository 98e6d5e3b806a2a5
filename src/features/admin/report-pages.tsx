/**
 * Moderation pages: `/r/<id>/report`, where a signed-in reader reports a community roadmap, and
 * `/admin/reports`, the administrators' queue with what they can do about each report. Plain
 * forms, so both work without JavaScript.
 */
import { FormAlert, SubmitButton } from '../../views/forms/form-parts.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import { AdminLayout } from './admin-pages.js';
import { REPORT_DETAILS_MAX } from './moderation-service.js';
import { REPORT_REASONS, type ReportView } from './reports.js';

const minute = (iso: string) => <time datetime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;

export function ReportPage(props: {
  ctx: PageContext;
  account: string;
  roadmap: { id: string; title: string; path: string };
  form?: { reason: string; details: string };
  error?: string | null;
  sent?: boolean;
}) {
  const { ctx, roadmap, form = { reason: '', details: '' }, error, sent } = props;
  return (
    <Layout ctx={ctx} title={`Report “${roadmap.title}” · Milepost`} path={`/r/${roadmap.id}/report`} account={props.account} noindex>
      <article class="report-page">
        <p class="breadcrumbs">
          <a href={roadmap.path}>{roadmap.title}</a>
        </p>
        <h1>Report this roadmap</h1>
        {sent ? (
          <p class="notice" role="status">
            Thank you. The site’s administrators will look at “{roadmap.title}”. The owner is not told who reported it.
          </p>
        ) : (
          <>
            <p class="lead">Tell the site’s administrators what is wrong with “{roadmap.title}”. Its owner is not told who reported it.</p>
            <FormAlert text={error} />
            <form class="form" method="post" action={`/r/${roadmap.id}/report`}>
              <fieldset>
                <legend>What is wrong?</legend>
                {Object.entries(REPORT_REASONS).map(([value, label]) => (
                  <p class="radio">
                    <input type="radio" id={`reason-${value}`} name="reason" value={value} checked={form.reason === value} required />
                    <label for={`reason-${value}`}>{label}</label>
                  </p>
                ))}
              </fieldset>
              <label for="report-details">Details</label>
              <p class="hint" id="report-details-hint">
                Where in the roadmap, and why. Needed for “Something else”.
              </p>
              <textarea id="report-details" name="details" rows={5} maxlength={REPORT_DETAILS_MAX} aria-describedby="report-details-hint">
                {form.details}
              </textarea>
              <SubmitButton>Send the report</SubmitButton>
            </form>
          </>
        )}
      </article>
    </Layout>
  );
}

function ReportItem({ report }: { report: ReportView }) {
  return (
    <li class="report-item" data-report={report.id}>
      <p>
        <a href={report.roadmapPath}>
          <strong>{report.roadmapTitle}</strong>
        </a>{' '}
        <span class="muted">
          ({report.visibility}) by {report.ownerEmail}
        </span>
      </p>
      <p>
        {report.reasonText}, reported {minute(report.createdAt)} by {report.reporterEmail ?? 'a deleted account'}
      </p>
      {report.details ? <blockquote class="report-details">{report.details}</blockquote> : null}
      {report.status === 'open' ? (
        <form method="post" action={`/admin/reports/${report.id}/resolve`} class="form report-resolve">
          <label for={`action-${report.id}`}>What to do</label>
          <select id={`action-${report.id}`} name="action">
            <option value="unlist">Unlist the roadmap (out of listings and search)</option>
            <option value="remove">Remove the roadmap (its pages answer 410)</option>
            <option value="dismiss">Dismiss the report</option>
          </select>
          <label for={`note-${report.id}`}>Why (mailed to the owner when you unlist or remove)</label>
          <textarea id={`note-${report.id}`} name="note" rows={3} maxlength={2000} />
          <button type="submit" class="button">
            Decide<span class="visually-hidden"> on “{report.roadmapTitle}”</span>
          </button>
        </form>
      ) : (
        <p class="muted">
          {report.status === 'dismissed' ? 'Dismissed' : report.status === 'unlisted' ? 'Unlisted' : 'Removed'}
          {report.resolvedAt ? <> {minute(report.resolvedAt)}</> : null}
          {report.resolutionNote ? `: ${report.resolutionNote}` : ''}
        </p>
      )}
    </li>
  );
}

export function ReportsPage(props: {
  ctx: PageContext;
  account: string;
  open: ReportView[];
  resolved: ReportView[];
  notice: string | null;
  error: string | null;
}) {
  const { ctx, open, resolved } = props;
  return (
    <AdminLayout ctx={ctx} title="Reports" path="/admin/reports" account={props.account} current="reports" notice={props.notice} error={props.error}>
      <section aria-labelledby="open-reports">
        <h2 id="open-reports">Open ({open.length})</h2>
        {open.length === 0 ? (
          <p class="muted">No report is waiting.</p>
        ) : (
          <ol class="report-list">
            {open.map((r) => (
              <ReportItem report={r} />
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="resolved-reports">
        <h2 id="resolved-reports">Dealt with</h2>
        {resolved.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <ol class="report-list">
            {resolved.map((r) => (
              <ReportItem report={r} />
            ))}
          </ol>
        )}
      </section>
    </AdminLayout>
  );
}
