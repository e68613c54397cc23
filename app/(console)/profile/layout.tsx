import { TabLink, TabLinks } from "@/components/ui/tabs";

export default function ProfileLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
      <TabLinks label="Profile sections" variant="underline">
        <TabLink href="/profile" exact>
          Profile
        </TabLink>
        <TabLink href="/profile/account-settings">Account Settings</TabLink>
        <TabLink href="/profile/api-access">API Access</TabLink>
      </TabLinks>
      <div>{children}</div>
    </div>
  );
}
